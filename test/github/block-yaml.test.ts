import * as fc from 'fast-check';
import { parse, stringify } from 'yaml';
import {
  ApptainerDefinitionSpec, DockerRecipe, GhcrWorkflowSpec, ImagePlatform, PixiDockerImageSpec, PixiTestWorkflowSpec, WorkflowRecipe,
} from '../../src';
import { writeBlockYaml } from '../../src/github/block-yaml';
import { HOSTILE_TEXTS, runs, SEED } from '../properties/arbitraries';

/** What the workflow renderer would write without the fast path. */
const yamlText = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** Text that tests every quoting rule: indicators, `: ` and ` #`, core-schema look-alikes, markers, newlines. */
const PIECES = [
  'a', 'run', 'x y', ' ', ':', ': ', ' #', '#', '-', '- ', '?', '? ', '"', "'", '\\', '|', '>', '%', '@', '`', '!', '&', '*',
  ',', '[', ']', '{', '}', '${{ github.token }}', '0', '12', '-3', '+4', '0x1f', '0o17', '1.5', '.5', '1e3', '.inf', '.NaN',
  'true', 'False', 'NULL', 'null', '~', 'on', 'yes', '---', '...', '\n', '\n\n', ' \n', 'é', '日本語', '🐍', '\u00a0', '\uff01',
];
/** The printable text workflows are made of, quoting hazards included. */
const asciiText: fc.Arbitrary<string> = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 5 }).map((pieces) => pieces.join('')),
  fc.string({ unit: fc.constantFrom(...'ab :#-?"\'\n{}[],|>.0'), maxLength: 8 }),
);
/** Anything: tabs, CR, NEL, separators, BOM, lone surrogates, the hostile texts, random strings. */
const anyText: fc.Arbitrary<string> = fc.oneof(
  asciiText, fc.constantFrom(...HOSTILE_TEXTS, '\t', '\r', '\u0085', '\u2028', '\ufeff', '\ud800', '\u007f'), fc.string({ maxLength: 8 }),
);

/** Documents of maps and lists whose keys are one line (yaml writes any other as an explicit `? key`). */
function documents(text: fc.Arbitrary<string>, scalar: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const key = text.map((t) => t.replace(/\n/g, '')).filter((t) => t !== '');
  const { tree } = fc.letrec<{ tree: unknown }>((t) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar,
      fc.array(t('tree'), { maxLength: 4 }),
      fc.dictionary(key, t('tree'), { maxKeys: 4 })),
  }));
  return fc.dictionary(key, tree, { minKeys: 1, maxKeys: 4 });
}
const oneLineText = asciiText.map((t) => t.replace(/\n/g, ''));
/** Scripts: a command, then lines (some blank, some indented), with or without a final newline. */
const script = fc.tuple(fc.constantFrom('echo a', 'set -eu', '- x: y #', "'q'"), fc.array(fc.oneof(oneLineText, fc.constant('')), { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([first, lines, newline]) => [first, ...lines, 'done'].join('\n') + (newline ? '\n' : ''));
const workflowLike = documents(oneLineText, fc.oneof({ weight: 4, arbitrary: oneLineText }, script, fc.integer(), fc.boolean(), fc.constant(null)));
const anything = documents(anyText, fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)));

describe('writeBlockYaml: the fast path writes exactly what yaml writes, or leaves the document to it', () => {
  test('on any document of maps, lists and hostile scalars, its text is yaml\'s, and reads back as the value', () => {
    let written = 0;
    fc.assert(fc.property(fc.oneof(workflowLike, anything), (value) => {
      const fast = writeBlockYaml(value);
      if (fast === undefined) return;
      written++;
      expect(fast).toBe(yamlText(value));
      expect(parse(fast)).toEqual(JSON.parse(JSON.stringify(value)));
    }), { seed: SEED, numRuns: runs(3000) });
    // The property must exercise the fast path, not only the hand-over.
    expect(written).toBeGreaterThan(runs(3000) / 4);
  });

  test.each([
    ['plain words and expressions', { 'name': 'Build é 🐍', 'runs-on': '${{ matrix.runner }}', 'if': "github.event_name == 'pull_request'" }],
    ['quoted look-alikes', { a: 'true', b: '12', c: '1.5', d: '', e: 'null', f: 'key: value', g: 'x #y', h: 'ends:', i: '"q"', j: '- item' }],
    ['literal blocks', { run: 'echo a\n\necho b\n', script: 'one\ntwo', spaced: 'a\n  b\n', list: ['a\nb', ['c\nd\n']] }],
    ['empty collections and nested lists', { permissions: {}, paths: [], matrix: [[1, 2], [], [{}]], steps: [{ uses: 'x', with: { a: 1 } }] }],
    ['null, booleans, integers', { 'workflow_dispatch': null, 'fail-fast': false, 'timeout-minutes': 120, 'n': -3 }],
  ])('%s', (_name, value) => {
    expect(writeBlockYaml(value)).toBe(yamlText(value));
  });

  test.each([
    ['a tab', { run: 'a\tb' }],
    ['a line separator', { name: 'a\u2028b' }],
    ['a lone surrogate', { name: 'a\ud800' }],
    ['a fraction', { n: 1.5 }],
    ['an empty key', { '': 'x' }],
    ['a block with trailing blank lines', { run: 'a\n\n' }],
    ['a block that starts with a space', { run: ' a\nb' }],
    ['a key that starts like a document marker', { '---': 'x' }],
    ['a date', { when: new Date(0) }],
    ['an undefined list item', { list: [undefined] }],
  ])('hands %s to yaml', (_name, value) => {
    expect(writeBlockYaml(value)).toBeUndefined();
  });
});

describe('the library\'s own workflows take the fast path (else synthesis pays yaml\'s cost again)', () => {
  const cpu = new PixiDockerImageSpec({ environment: 'cpu', dockerfile: 'Dockerfile.cpu', copySources: false });
  const gpu = new PixiDockerImageSpec({ environment: 'gpu', dockerfile: 'Dockerfile.gpu', copySources: false });
  test.each([
    ['OPTIMIZED, two images, one with Apptainer', new GhcrWorkflowSpec([{ spec: cpu }, { spec: gpu, apptainer: new ApptainerDefinitionSpec(gpu) }])],
    ['OPTIMIZED with QEMU and two platforms', new GhcrWorkflowSpec([{ spec: cpu }], { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64], qemu: true })],
    ['TUTORIAL', new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL, copySources: false }) }], { recipe: WorkflowRecipe.TUTORIAL })],
    ['the pixi test workflow', new PixiTestWorkflowSpec()],
  ])('%s', (_name, spec) => {
    const data = spec.toWorkflow();
    expect(writeBlockYaml(data)).toBe(yamlText(data));
  });
});
