import { requireMatch } from '../util/validate';
import { CUDA_VERSION, CUDA_VERSION_ALLOWED } from '../util/versions';

/**
 * The `CONDA_OVERRIDE_CUDA` that lets a machine without a GPU (an image builder, a CI runner)
 * install the environment: the given version, else the one the workspace solves the environment
 * for; undefined for an environment without CUDA. pixi refuses to install an environment whose
 * `__cuda` the machine lacks (pixi `crates/pixi_manifest/src/system_requirements.rs`).
 * @param owner the construct named in errors
 * @param fromWorkspace the version the workspace solves the environment for, if known
 * @param given a version the user chose, which wins
 */
export function cudaOverrideFor(owner: string, fromWorkspace: string | undefined, given?: string): string | undefined {
  const version = given ?? fromWorkspace;
  if (version === undefined) return undefined;
  return requireMatch(owner, given === undefined ? 'cudaVersion (from the workspace)' : 'cudaVersion', version, CUDA_VERSION, CUDA_VERSION_ALLOWED);
}
