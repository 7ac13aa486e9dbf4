import { readFileSync } from 'fs';
import { join } from 'path';
import { IMPORTS, locate } from './locate';
import { MUTATIONS } from './mutations';

/*
 * The mutation run (`npx projen test:mutations`) takes an hour; that each mutation still finds its place in the
 * source is checked with every test run, so that a refactoring that moves a fragment is told at once.
 */
const ROOT = join(__dirname, '..', '..');

describe('each mutation finds its fragment, once, in the declaration it names', () => {
  test.each(MUTATIONS.map((mutation) => [mutation.property, mutation] as const))('%s', (_property, mutation) => {
    const found = locate(readFileSync(join(ROOT, mutation.file), 'utf8'), mutation.file, mutation.in, mutation.replace);
    expect(typeof found === 'string' ? found : 'found').toBe('found');
  });
});

describe('locate', () => {
  const source = [
    "import { a } from './a';",
    'export const LIMIT = 3;',
    'export class Spec {',
    '  public render(): string {',
    '    return [',
    "      'x',",
    '    ].join(LIMIT);',
    '  }',
    '}',
    'function render(): string { return "x"; }',
    '',
  ].join('\n');

  test('a fragment is found whatever its whitespace, inside the named declaration only', () => {
    const found = locate(source, 'f.ts', 'Spec.render', "return [ 'x', ].join(LIMIT);");
    expect(typeof found === 'string' ? found : source.slice(found.start, found.end)).toBe("return [\n      'x',\n    ].join(LIMIT);");
    expect(locate(source, 'f.ts', 'render', 'return "x";')).toEqual(expect.objectContaining({ start: expect.any(Number) }));
    expect(locate(source, 'f.ts', 'LIMIT', 'export const LIMIT = 3;')).toEqual(expect.objectContaining({ start: expect.any(Number) }));
    expect(locate(source, 'f.ts', IMPORTS, "import { a } from './a';")).toEqual(expect.objectContaining({ start: expect.any(Number) }));
  });

  test('a check that can fail: a missing declaration, a fragment elsewhere and one that repeats are stale', () => {
    expect(locate(source, 'f.ts', 'Spec.draw', 'x')).toBe('no declarations named Spec.draw in f.ts');
    expect(locate(source, 'f.ts', 'render', "'x'")).toBe('no matches of "\'x\'" in render of f.ts');
    expect(locate(`${source}const twice = [1, 1];\n`, 'f.ts', 'twice', '1')).toBe('2 matches of "1" in twice of f.ts');
  });
});
