/*
 * The files an image copies from its build context must be there: the first build would fail on a missing one. One
 * rule for every construct that writes a recipe of an image (the Dockerfile, an Apptainer definition of its own).
 */
import { existsSync, statSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import type { PixiDockerImageSpec } from './pixi-docker-image-spec';
import { invalidOption } from '../util/validate';

/**
 * Refuses a source directory that is a file: COPY would put the file itself at /app/src, and the
 * workflow's path filter `<file>/**` would never match a change of it.
 * @param prefix how the construct's user reaches the image's options (`imageOptions.`), or empty
 */
export function refuseFileAsSourceDir(outdir: string, sourceDir: string, construct: string, prefix: string): void {
  const path = join(outdir, sourceDir);
  if (!existsSync(path) || statSync(path).isDirectory()) return;
  throw invalidOption(construct, `${prefix}sourceDir`, sourceDir,
    `a directory, which the image copies to /app/src: ${sourceDir} in ${outdir} is a file; put it in a directory and name that (or copySources: false to copy none)`);
}

/**
 * Refuses an image whose sources, install inputs or manifest the build context lacks. Checked at synthesis, after the
 * sample files of components created earlier (a Python project's module) are written.
 * @param prefix how the construct's user reaches the image's options (`imageOptions.`), or empty
 */
export function refuseMissingInputs(project: Project, spec: PixiDockerImageSpec, construct: string, prefix: string): void {
  const outdir = project.outdir;
  const exists = (path: string) => existsSync(join(outdir, path));
  const { sourceDir, installInputs, manifestFile } = spec;
  if (sourceDir !== undefined && !exists(sourceDir)) {
    throw invalidOption(construct, `${prefix}sourceDir`, sourceDir,
      `a directory that exists in ${outdir}, which the image copies to /app/src (or copySources: false to copy none)`);
  }
  if (sourceDir !== undefined) refuseFileAsSourceDir(outdir, sourceDir, construct, prefix);
  const sources = sourceDir === undefined ? spec.sources : [];
  sources.forEach(({ from }, i) => {
    if (!exists(from)) throw invalidOption(construct, `${prefix}sources[${i}].from`, from, `a file or directory that exists in ${outdir} (or "." for all of it)`);
  });
  for (const input of installInputs) {
    if (!exists(input)) {
      throw invalidOption(construct, `${prefix}installInputs`, input, `files or directories that exist in ${outdir}, which pixi install reads`);
    }
  }
  // A generated manifest may still be ahead in the synthesis; one the user writes is there by now.
  if (!exists(manifestFile) && project.tryFindFile(manifestFile) === undefined) {
    throw invalidOption(construct, `${prefix}manifestFile`, manifestFile,
      `a manifest that exists in ${outdir}, which the image installs from: create it (pixi init) or generate it (new PixiWorkspace(project, ...) before the image)`);
  }
}
