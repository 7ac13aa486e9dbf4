/*
 * What `pixi init` adds around a workspace, added by the constructs of a workspace in any projen
 * project: projen writes `.gitignore` and `.gitattributes`, so these lines reach them only this way.
 */
import { Project } from 'projen';
import { keepRepositoryFiles } from '../util/repository-files';

/** What `pixi init` adds to `.gitignore` (pixi 0.77: crates/pixi_api/src/workspace/init/template.rs, GITIGNORE_TEMPLATE). */
export const PIXI_GITIGNORE = ['.pixi/*', '!.pixi/config.toml'];

/** What `pixi init` adds to `.gitattributes` for GitHub (pixi 0.77: crates/pixi_api/src/workspace/init/options.rs, GitAttributes::template). */
export const PIXI_GITATTRIBUTES = 'pixi.lock merge=binary linguist-language=YAML linguist-generated=true -diff';

/**
 * Adds pixi's `.gitignore` and `.gitattributes` lines to the project, and keeps the lines of the
 * files the user wrote (see keepRepositoryFiles).
 * @param project the project of the workspace
 * @param owner the construct that asks, named in errors
 */
export function addPixiRepositoryLines(project: Project, owner: string): void {
  keepRepositoryFiles(project, owner);
  project.gitignore.addPatterns(...PIXI_GITIGNORE);
  const [pattern, ...attributes] = PIXI_GITATTRIBUTES.split(' ');
  project.gitattributes.addAttributes(pattern, ...attributes);
}
