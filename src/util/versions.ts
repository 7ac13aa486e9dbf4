/** Compares dotted version numbers numerically (`12.10` > `12.9`, `12` = `12.0`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** A CUDA version as images and workspaces take it: `12`, `12.9` or `12.9.1`. */
export const CUDA_VERSION = /^\d+(\.\d+){0,2}$/;
/** What CUDA_VERSION allows, for error messages. */
export const CUDA_VERSION_ALLOWED = 'a CUDA version such as "12", "12.9" or "12.9.1"';
