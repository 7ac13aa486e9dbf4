/** Relative POSIX paths as manifests and build contexts use them. */
import { posix } from 'path';

/** `./pkg/` → `pkg`, `./` → `.`; absolute paths and `..` stay recognizable. */
export function normalizePath(path: string): string {
  const normalized = posix.normalize(path);
  if (posix.isAbsolute(normalized)) return normalized;
  const relative = normalized.replace(/\/+$/, '');
  return relative === '' ? '.' : relative;
}

/** Whether a normalized path leaves the directory it is relative to. */
export function isOutside(path: string): boolean {
  return posix.isAbsolute(path) || path === '..' || path.startsWith('../');
}

/** Whether `inner` is `outer` or lies inside it (both normalized). */
export function isWithin(inner: string, outer: string): boolean {
  return outer === '.' || inner === outer || inner.startsWith(`${outer}/`);
}
