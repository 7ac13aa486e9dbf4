/*
 * Generators shared by the property suites: valid, unusual-but-valid, hostile and wrong-typed
 * values, and option sets built from them. Every suite runs with a fixed seed, so a failure
 * reproduces; a minimised failing case becomes a named regression test in regressions.test.ts.
 */
import * as fc from 'fast-check';

/** The seed of every property run: change it only on purpose (a new seed explores new cases). */
export const SEED = 20261128;

/**
 * The runs of a property: about two minutes for all suites in CI. `PROPERTY_RUNS_SCALE=10` explores
 * ten times as many cases (the same seed, so the first runs are the same).
 */
export function runs(count: number): number {
  return Math.max(1, Math.round(count * Number(process.env.PROPERTY_RUNS_SCALE ?? '1')));
}

/** Control characters and lone surrogates, which no single-line value may hold. */
export const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Values that have broken quoting, parsing or naming somewhere before. */
export const HOSTILE_TEXTS = [
  '', ' ', '-dev', '--help', '__proto__', 'constructor', 'toString', '${{ github.sha }}', '$(id)', '`id`', '$HOME', '${PATH}',
  '"', '\'', '\\', 'a\\', '\\"', 'escape=`', 'check=skip=all', 'syntax=evil/frontend', '# x', 'a\nRUN id', 'a\rb',
  'a\u0085b', 'a\u2028b', 'a\u2029b', '\ud800', 'a\udc00b', 'é', '日本語', '🐍', 'a b', '*', '!x', 'release/v[0-9]*',
  '../x', '/abs', './x/', 'x/', 'key: value', '- item', '{a: 1}', '&anchor', '*alias', '? q', '| block', '> fold', '%TAG',
];

/** Hostile text: the listed values, short random strings of any code unit, and both mixed. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_TEXTS),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.tuple(fc.constantFrom(...HOSTILE_TEXTS), fc.string({ maxLength: 4 })).map(([a, b]) => a + b),
);

/** One line of text, any script, quotes and `$` included. */
export const oneLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('"quoted"', 'it\'s', '$HOME', '${PATH}', '`id`', 'a\\b', 'back\\', 'x && y', '; rm -rf /', 'π≈3.14', '🐍 snake'),
).filter((s) => !NOT_ONE_LINE.test(s) && s.trim() !== '');

/** A value of the wrong type for any option. */
export const wrongTyped: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
  fc.string({ maxLength: 6 }),
  fc.constant(new Date(0)),
);

/** The arbitraries of an option struct's fields. */
export type Fields = Record<string, fc.Arbitrary<unknown>>;

/** Options with valid values only (any subset of the fields). */
export function validOptions(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Options where each field may be valid, hostile text or wrong-typed, and a misspelt key may appear. */
export function anyOptions(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  const anyField = Object.fromEntries(Object.entries(fields).map(([key, valid]) => [key, fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: hostileText },
    { weight: 1, arbitrary: wrongTyped },
  )]));
  // One case in ten has a misspelt key (the field's name plus "s").
  const misspelt = fc.oneof(
    { weight: 9, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(fields)), fc.anything()) },
  );
  return fc.tuple(fc.record(anyField, { requiredKeys: [] }), misspelt).map(([options, typo]) =>
    typo ? { ...options, [`${typo[0]}s`]: typo[1] } : options) as fc.Arbitrary<Record<string, unknown>>;
}

/** Mostly valid, unusual-but-valid and broken option sets, half and half. */
export function optionSets(fields: Fields): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(validOptions(fields), anyOptions(fields));
}

/**
 * The option of `keys` that a refusal names: the option itself, or a path inside it (`env.__proto__`,
 * `ports[0]`, `image labels.a`); undefined when it names none of them.
 */
export function namedOption(option: string, keys: string[]): string | undefined {
  return keys.find((key) => option === key || ['.', '[', ' '].some((separator) => option.startsWith(key + separator)));
}

/** A record whose keys come from the arbitrary; `__proto__` may be one of them, as JSON.parse makes it. */
export function recordOf(key: fc.Arbitrary<string>, value: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> {
  return fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: key }, { weight: 1, arbitrary: fc.constant('__proto__') }), value), { maxLength: 3 })
    .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))));
}
