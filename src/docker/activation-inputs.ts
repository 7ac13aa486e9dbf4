/*
 * The workspace's activation in the image. pixi's shell hook sources each activation script by its
 * path joined to the workspace root, and silently drops one that is missing (pixi
 * `crates/pixi_core/src/activation.rs`, `get_activator`): the scripts must be in the build stage when
 * `pixi shell-hook` runs, and in the final image at the same path, where the activation sources them.
 */
import { existsSync } from 'fs';
import { join, posix } from 'path';
import { FinalImageKind } from './recipe';
import { PixiActivation } from '../pixi/options';
import { ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED } from '../util/env-variable';
import { isOutside, normalizePath } from '../util/paths';
import { invalidOption, requireMatch, requireRelativePath, requireSingleLine } from '../util/validate';

const OWNER = 'PixiDockerImage';

/** The activation an image applies. */
export interface ImageActivation {
  /** Scripts to copy, relative to the workspace root, each once, in the order pixi sources them. */
  readonly scripts: string[];
  /** Scripts the manifest names but the build context lacks: pixi drops them, and so does the image. */
  readonly missing: string[];
  /**
   * Absolute scripts: pixi keeps them as they are (`root.join(script)` in `get_activator`), sources one that exists
   * when the activation is written and drops one that does not, with a warning. No build context holds them: only the
   * base image (or the final image, at run time) can.
   */
  readonly absolute: string[];
  /** `[activation.env]` as pixi exports it. */
  readonly env: Record<string, string>;
}

/**
 * @param contextDirectory the build context on disk, when known: missing scripts are left out
 */
export function imageActivation(environment: string, activation: PixiActivation, kind: FinalImageKind, contextDirectory?: string): ImageActivation {
  const origin = `activation script of environment "${environment}"`;
  const scripts: string[] = [];
  const missing: string[] = [];
  const absolute: string[] = [];
  for (const script of activation.scripts ?? []) {
    const path = normalizePath(script);
    if (posix.isAbsolute(path)) {
      requireSingleLine(OWNER, origin, path);
      if (!absolute.includes(path)) absolute.push(path);
      continue;
    }
    if (isOutside(path)) {
      throw invalidOption(OWNER, origin, script, 'a path inside the workspace directory, the build context: a Dockerfile cannot copy files from outside it');
    }
    requireRelativePath(OWNER, origin, path);
    if (contextDirectory !== undefined && !existsSync(join(contextDirectory, path))) missing.push(path);
    else if (!scripts.includes(path)) scripts.push(path);
  }
  const env = activation.env ?? {};
  if (kind === FinalImageKind.DISTROLESS) {
    if (scripts.length + absolute.length > 0) {
      throw invalidOption(OWNER, 'finalImageKind', kind,
        `a final image with a shell (PIXI or BASH): environment "${environment}" has activation scripts (${[...scripts, ...absolute].join(', ')}), which need bash to run`);
    }
    for (const [key, value] of Object.entries(env)) {
      requireMatch(OWNER, `activation variable of environment "${environment}"`, key, ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED);
      requireSingleLine(OWNER, `activation variable ${key} of environment "${environment}"`, value);
    }
    // pixi's hook leaves a value with `$` for the shell to expand; a shell-less image cannot.
    const expanding = Object.entries(env).find(([, value]) => value.includes('$'));
    if (expanding) {
      throw invalidOption(OWNER, 'finalImageKind', kind,
        `a final image with a shell (PIXI or BASH): the activation variable ${expanding[0]}=${JSON.stringify(expanding[1])} of environment "${environment}" needs a shell to expand`);
    }
  }
  return { scripts, missing, absolute, env };
}
