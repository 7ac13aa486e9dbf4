/** The lock file beside every manifest, which `pixi lock` writes and `pixi install --locked` reads. */
export const LOCK_FILE = 'pixi.lock';

/**
 * The pixi manifest file at the root of the build context.
 */
export enum PixiManifestFile {
  /** `pixi.toml`. */
  PIXI_TOML = 'pixi.toml',
  /** `pyproject.toml` with a `[tool.pixi.workspace]` table. */
  PYPROJECT_TOML = 'pyproject.toml',
}
