/*
 * Unknown option keys: TypeScript refuses them, but `.projenrc.js` and other jsii languages pass
 * any object, and a misspelt key (`enviroment`) would otherwise be dropped without a word.
 */
import { closestName } from './suggest';

/** The keys of an options struct, listed in a record the compiler keeps complete: `{ [K in keyof T]-?: true }`. */
export type KeyList<T> = { readonly [K in keyof T]-?: true };

/**
 * Throws when the options are not an object or have a key the struct does not declare,
 * suggesting the closest declared key.
 * @param nameOf how the user spells an option (e.g. a command-line switch)
 */
export function requireKnownKeys(owner: string, options: unknown, known: readonly string[], nameOf = (name: string) => name): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new Error(`${owner}: the options must be an object, got ${JSON.stringify(options) ?? String(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    // A long list helps nobody: past a screenful of names, point to the reference.
    const allowed = known.length <= 24 ? `allowed: ${known.map(nameOf).join(', ')}` : 'API.md lists the options';
    throw new Error(`${owner}: unknown option ${nameOf(key)}; ${suggestion ? `did you mean ${nameOf(suggestion)}? ` : ''}${allowed}.`);
  }
}
