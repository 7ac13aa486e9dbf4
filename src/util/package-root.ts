import { existsSync } from 'fs';
import { dirname, join } from 'path';

let root: string | undefined;

/**
 * The directory of projen-pixi's own package.json, where its data files (schemas/) ship. Found by walking
 * up, not by a fixed `../..`: the published entry point is one bundled file directly under lib/, while the
 * sources and the per-module files sit one folder deeper.
 */
export function packageRoot(): string {
  if (root === undefined) {
    let dir = __dirname;
    while (!existsSync(join(dir, 'package.json'))) {
      const parent = dirname(dir);
      // Not a refusal of an option: the installed package itself is broken.
      if (parent === dir) throw new Error(`projen-pixi: no package.json above ${__dirname}; the package is incomplete`);
      dir = parent;
    }
    root = dir;
  }
  return root;
}
