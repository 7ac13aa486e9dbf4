/** Relative POSIX paths as manifests and build contexts use them. */
import { posix } from 'path';

/** `./pkg/` → `pkg`, `./` → `.`; absolute paths and `..` stay recognizable. */
export function normalizePath(path: string): string {
  const normalized = posix.normalize(path);
  if (posix.isAbsolute(normalized)) return normalized;
  const relative = normalized.replace(/\/+$/, '');
  return relative === '' ? '.' : relative;
}

/** Whether a normalized path leaves the directory it is relative to (absolute, `~/…` as pixi writes a home path, or `..`). */
export function isOutside(path: string): boolean {
  return posix.isAbsolute(path) || path === '~' || path.startsWith('~/') || path === '..' || path.startsWith('../');
}

/** Whether `inner` is `outer` or lies inside it (both normalized). */
export function isWithin(inner: string, outer: string): boolean {
  return outer === '.' || inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * The name of a file that belongs to a Dockerfile, beside it: `Dockerfile` → `<stem>.<ext>`,
 * `Dockerfile.gpu` → `<stem>.gpu.<ext>`, `gpu.Dockerfile` → `gpu.<stem>.<ext>`, `other` → `other.<stem>.<ext>`.
 */
export function besideDockerfile(dockerfile: string, stem: string, extension: string): string {
  const slash = dockerfile.lastIndexOf('/');
  const dir = dockerfile.slice(0, slash + 1);
  const base = dockerfile.slice(slash + 1);
  if (base === 'Dockerfile') return `${dir}${stem}.${extension}`;
  if (base.startsWith('Dockerfile.')) return `${dir}${stem}.${base.slice('Dockerfile.'.length)}.${extension}`;
  if (base.endsWith('.Dockerfile')) return `${dir}${base.slice(0, -'.Dockerfile'.length)}.${stem}.${extension}`;
  return `${dir}${base}.${stem}.${extension}`;
}
