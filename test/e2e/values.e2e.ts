import { writeFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { Buildah, check, ISOLATION } from './buildah';
import { PixiDockerImageSpec } from '../../src';
import { tempDir } from '../helpers/temp';
import { HOSTILE_TEXTS, NOT_ONE_LINE, oneLine, SEED } from '../properties/arbitraries';
import { keyValuePairs } from '../properties/buildkit-words';

/*
 * The property suites read ENV and LABEL as BuildKit's lexer is documented to; this builds them with
 * buildah (BuildKit's Dockerfile parser and shell lexer) and reads the image's config back. It also
 * settles where dockerfile-utils disagrees: `LABEL a="' "` is an unterminated quote to it, a literal to BuildKit.
 */
jest.setTimeout(120_000);

/** Every value a label or variable may hold: the hostile list's valid ones and a seeded sample of any text. */
const VALUES = [
  ...HOSTILE_TEXTS.filter((value) => value !== '' && !NOT_ONE_LINE.test(value)),
  '\' ', '"\' ', ' lead', 'trail ', 'a  b', '\\\\', '$$', '${A:-b}', '\\$x',
  ...fc.sample(oneLine, { seed: SEED, numRuns: 60 }),
];

/** The ENV and LABEL instructions of a Dockerfile, continuation lines included, as written. */
function keyValueInstructions(dockerfile: string): string[] {
  const lines = dockerfile.split('\n');
  const instructions: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^(ENV|LABEL) /.test(lines[i]) || lines[i].startsWith('ENV PATH=')) continue;
    let end = i;
    while (lines[end].endsWith('\\')) end++;
    instructions.push(lines.slice(i, end + 1).join('\n'));
    i = end;
  }
  return instructions;
}

test('ENV and LABEL values reach the image as given, as buildah builds them', () => {
  const env = Object.fromEntries(VALUES.map((value, i) => [`V${i}`, value]));
  const labels = Object.fromEntries(VALUES.map((value, i) => [`l${i}`, value]));
  const dockerfile = new PixiDockerImageSpec({ env, labels, copySources: false }).renderDockerfile();
  // Our reading of the same text agrees with the values too, so the property suites' reader is checked here.
  expect(Object.fromEntries(keyValuePairs(dockerfile, 'ENV').filter(([key]) => key in env))).toEqual(env);

  const context = tempDir('projen-pixi-values-');
  writeFileSync(join(context, 'Dockerfile'), ['FROM scratch', ...keyValueInstructions(dockerfile), ''].join('\n'));
  const buildah = Buildah.bare();
  check(buildah.buildah(['build', ...ISOLATION, '-t', 'projen-pixi-values', context]), 'build the values');
  const config = JSON.parse(check(buildah.buildah(['inspect', '--type', 'image', 'projen-pixi-values']), 'inspect').stdout).OCIv1.config;
  const built = Object.fromEntries((config.Env as string[]).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
  for (const [key, value] of Object.entries(env)) expect([key, built[key]]).toEqual([key, value]);
  for (const [key, value] of Object.entries(labels)) expect([key, config.Labels[key]]).toEqual([key, value]);
});
