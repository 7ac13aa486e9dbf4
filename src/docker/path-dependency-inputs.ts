import { ACTIVATION_PATH, ENTRYPOINT_PATH, SOURCE_TARGET, WORKDIR } from './layout';
import { DockerRecipe } from './recipe';
import { PixiPathDependency } from '../pixi/workspace-info';
import { isOutside, isWithin } from '../util/paths';
import { invalidOption } from '../util/validate';

const OWNER = 'PixiDockerImage';

/**
 * Checks that the image can build the environment's path dependencies, and returns the install
 * inputs the final stage needs as well.
 *
 * `pixi install` builds a path dependency from its files (pixi#1439), so the OPTIMIZED recipe,
 * which copies only the manifest and the lock, must also copy them: some `installInputs` entry
 * must hold the dependency or lie inside it. An editable dependency stays a link to those files,
 * so the inputs that make it up are returned for the final stage too, at the same path.
 *
 * @param environment the environment the image installs
 * @param dependencies its path dependencies
 * @param recipe the Dockerfile recipe (TUTORIAL copies the whole context)
 * @param installInputs the validated, normalized `installInputs`
 */
export function checkPathDependencies(
  environment: string, dependencies: PixiPathDependency[], recipe: DockerRecipe, installInputs: string[],
): string[] {
  const runtimeInputs = new Set<string>();
  for (const dependency of dependencies) {
    const origin = `${dependency.table}.${dependency.name}, path "${dependency.path}", environment "${environment}"`;
    if (isOutside(dependency.path)) {
      throw invalidOption(OWNER, `path dependency (${origin})`, dependency.path,
        'a path inside the workspace directory, the build context: a Dockerfile cannot copy files from outside it');
    }
    if (recipe === DockerRecipe.TUTORIAL) continue;
    const inputs = installInputs.filter((input) => isWithin(input, dependency.path) || isWithin(dependency.path, input));
    if (inputs.length === 0) {
      const example = dependency.path === '.' ? '["src"] or the package directory' : `["${dependency.path}"]`;
      throw invalidOption(OWNER, 'installInputs', installInputs,
        `entries holding the files pixi install reads for "${dependency.name}" (${origin}), e.g. ${example}, plus any other file its build reads`);
    }
    if (dependency.editable) inputs.forEach((input) => runtimeInputs.add(input));
  }
  return [...runtimeInputs];
}

/** What the final stage puts in the work directory itself. */
function reservedPaths(copiesSources: boolean): string[] {
  return [`${WORKDIR}/.pixi`, ACTIVATION_PATH, ENTRYPOINT_PATH, ...(copiesSources ? [SOURCE_TARGET] : [])];
}

/**
 * Refuses runtime inputs that would land on what the final stage already puts in the work
 * directory (the environments, the activation, the entrypoint, the sources), where one copy would
 * silently merge with or replace the other.
 */
export function checkRuntimeInputs(runtimeInputs: string[], copiesSources: boolean): void {
  for (const input of runtimeInputs) {
    const target = `${WORKDIR}/${input}`;
    const clash = reservedPaths(copiesSources).find((reserved) => isWithin(target, reserved) || isWithin(reserved, target));
    if (clash === undefined) continue;
    const fix = clash === SOURCE_TARGET
      ? 'set copySources: false (the editable package is in the image already) or keep the package elsewhere'
      : `a path other than ${clash}, which the image uses itself`;
    throw invalidOption(OWNER, 'installInputs', input,
      `a path the final image can hold at ${target} for an editable path dependency: it would overlap ${clash}; ${fix}`);
  }
}
