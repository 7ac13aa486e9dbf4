import { existsSync } from 'fs';
import { join } from 'path';
import { Project, ProjenrcFile } from 'projen';
import { PROJEN_MARKER } from './user-files';

/** The projenrc files of projen's project types (JavaScript, TypeScript, JSON, Python). */
export const PROJENRC_FILES = ['.projenrc.js', '.projenrc.ts', '.projenrc.mjs', '.projenrc.json', '.projenrc.py'];
const PROJENRC_IN_COMMAND = /(?:^|[\s/])(\.projenrc\.[A-Za-z]+)(?=\s|$)/;

/**
 * The projenrc the user edits to change the project's files: its own projenrc component, else the
 * root's (projen's marker looks only at the file's own project, so a subproject's files said
 * `.projenrc.js` under a `.projenrc.ts`), else the one the root's default task runs, else the only
 * one on disk; `.projenrc.js` (projen's default) when nothing says otherwise.
 */
export function projenrcFileOf(project: Project): string {
  const root = project.root;
  const component = ProjenrcFile.of(project) ?? ProjenrcFile.of(root);
  if (component) return component.filePath;
  for (const step of root.defaultTask?.steps ?? []) {
    const command = [step.exec, ...(step.execArgs ?? [])].join(' ');
    const file = PROJENRC_IN_COMMAND.exec(command)?.[1];
    if (file) return file;
  }
  const onDisk = PROJENRC_FILES.filter((file) => existsSync(join(root.outdir, file)));
  return onDisk.length === 1 ? onDisk[0] : '.projenrc.js';
}

/** projen's marker, in projen's words, naming the projenrc the user edits ({@link projenrcFileOf}). */
export function projenMarker(project: Project): string {
  return `${PROJEN_MARKER}. To modify, edit ${projenrcFileOf(project)} and run "${project.projenCommand}".`;
}
