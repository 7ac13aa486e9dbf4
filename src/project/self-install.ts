/*
 * A pyproject.toml that installs itself (`mypkg = { path = "." }`): pixi install builds the package
 * from the workspace root, so every image must copy what the build reads before it runs. `projen
 * new` infers that from the repository instead of asking for it one refusal at a time.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { PixiManifestFile } from '../pixi/manifest-file';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { isTable, parseToml } from '../util/toml';

/** What the images copy so that the workspace can install itself. */
export interface SelfInstall {
  /** The package sources and the files `[project]` names (readme, license file). */
  readonly installInputs: string[];
  /**
   * False when an editable install keeps `src` at /app/src, where the sources would be copied
   * again: the package is in the image already.
   */
  readonly copySources?: boolean;
}

/**
 * The install inputs a workspace that installs itself needs, found in the project directory;
 * undefined when it does not install itself or its sources are not found (the image then says what
 * is missing).
 * @param outdir the project directory
 * @param workspace the adopted workspace
 * @param environments the environments the images install
 */
export function inferSelfInstall(outdir: string, workspace: PixiWorkspace, environments: readonly string[]): SelfInstall | undefined {
  if (workspace.manifestFile !== PixiManifestFile.PYPROJECT_TOML) return undefined;
  const selves = environments.flatMap((environment) => workspace.environmentView(environment)?.pathDependencies ?? [])
    .filter((dependency) => (dependency.inputs ?? [dependency.path]).includes('.'));
  if (selves.length === 0) return undefined;
  let project: Record<string, any>;
  try {
    project = parseToml(readFileSync(join(outdir, PixiManifestFile.PYPROJECT_TOML), 'utf8')).project as Record<string, any> ?? {};
  } catch {
    return undefined;
  }
  const isDirectory = (path: string) => existsSync(join(outdir, path)) && statSync(join(outdir, path)).isDirectory();
  const isFile = (path: unknown): path is string => typeof path === 'string' && existsSync(join(outdir, path)) && statSync(join(outdir, path)).isFile();
  // The layouts build backends look for: src/<package>, <package>/, <package>.py.
  const name = typeof project.name === 'string' ? project.name.replace(/[-.]+/g, '_').toLowerCase() : undefined;
  const sources = isDirectory('src') ? 'src'
    : name !== undefined && isDirectory(name) ? name
      : name !== undefined && isFile(`${name}.py`) ? `${name}.py` : undefined;
  if (sources === undefined) return undefined;
  const readme = isTable(project.readme) ? project.readme.file : project.readme;
  const license = isTable(project.license) ? project.license.file : undefined;
  const files = [readme, license].filter(isFile).map((path) => path.replace(/^(\.\/)+/, ''));
  const editable = selves.some((dependency) => dependency.editable);
  return {
    installInputs: [sources, ...new Set(files)],
    copySources: editable && sources === 'src' ? false : undefined,
  };
}
