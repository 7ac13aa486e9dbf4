/*
 * Unknown option keys: TypeScript refuses them, but `.projenrc.js` and other jsii languages pass
 * any object, and a misspelt key (`enviroment`) would otherwise be dropped without a word.
 */
import { closestName } from './suggest';
import { invalidOption } from './validate';

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
    throw invalidOption(owner, 'options', options, 'an object');
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const suggestion = closestName(key, known);
    // A long list helps nobody: past a screenful of names, point to the reference.
    const allowed = known.length <= 24 ? known.map(nameOf).join(', ') : 'the options API.md lists';
    throw invalidOption(owner, nameOf(key), (options as Record<string, unknown>)[key], allowed, 'unknown option', suggestion && nameOf(suggestion));
  }
}
