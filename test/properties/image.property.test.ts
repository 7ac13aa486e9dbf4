import { spawnSync } from 'child_process';
import { DockerfileParser } from 'dockerfile-ast';
import * as fc from 'fast-check';
import { anyOptions, hostileText, oneLine, namedOption, runs, SEED } from './arbitraries';
import { keyValuePairs } from './buildkit-words';
import { dockerfileFindings } from './dockerfile-findings';
import { IMAGE_FIELDS, IMAGE_OPTION_SETS, SOURCES, VALID_IMAGE_OPTIONS } from './image-fields';
import { ApptainerDefinitionSpec, DockerRecipe, FinalImageKind, PixiDockerImageSpec, PixiValidationError } from '../../src';
import { directives, execFormOf, parseInstructions } from '../helpers/dockerfile';
import { shellcheck } from '../helpers/shellcheck';

/** Builds an image description; any refusal must be the typed error naming an option that was given. */
function imageOrRefusal(options: Record<string, unknown>): PixiDockerImageSpec | undefined {
  try {
    return new PixiDockerImageSpec(options);
  } catch (error) {
    expect(error).toBeInstanceOf(PixiValidationError);
    expect(namedOption((error as PixiValidationError).option, ['options', ...Object.keys(options)])).toBeDefined();
    return undefined;
  }
}

/** The HEALTHCHECK's command, decoded as Docker decodes exec form; undefined without one. */
function healthcheckCommandOf(dockerfile: string): string[] | undefined {
  const found = DockerfileParser.parse(dockerfile).getInstructions().filter((i) => i.getKeyword() === 'HEALTHCHECK');
  if (found.length === 0) return undefined;
  expect(found).toHaveLength(1);
  const text = found[0].getArgumentsContent() ?? '';
  return JSON.parse(text.slice(text.indexOf('CMD ') + 4));
}

/** `set -- <command>` of the entrypoint, as bash reads it. */
function entrypointCommand(entrypoint: string): string[] {
  const line = entrypoint.split('\n').find((l) => l.startsWith('  set -- '))!;
  const result = spawnSync('bash', ['-c', `${line.trim()}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
  return result.stdout.split('\0').slice(0, -1);
}

describe('PixiDockerImageSpec: any options give the typed error or files that validators accept and that keep the values', () => {
  test('Dockerfile: dockerfile-utils finds nothing, no parser directive but syntax, ENV, LABEL and CMD as given', () => {
    const header = fc.option(fc.oneof(oneLine, fc.string({ maxLength: 8 })), { nil: undefined });
    fc.assert(fc.property(IMAGE_OPTION_SETS, header, (options, headerComment) => {
      const spec = imageOrRefusal(options);
      if (!spec) return;
      let dockerfile: string;
      try {
        dockerfile = spec.renderDockerfile({ headerComment });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect((error as PixiValidationError).option).toBe('headerComment');
        return;
      }
      expect(dockerfileFindings(dockerfile)).toEqual([]);
      expect(Object.keys(directives(dockerfile)).filter((d) => d !== 'syntax')).toEqual([]);
      const env = Object.fromEntries(keyValuePairs(dockerfile, 'ENV'));
      for (const [key, value] of Object.entries((options.env ?? {}) as Record<string, string>)) expect([key, env[key]]).toEqual([key, value]);
      const labels = keyValuePairs(dockerfile, 'LABEL');
      expect(Object.fromEntries(labels)).toEqual(expect.objectContaining(options.labels ?? {}));
      expect(labels.map(([key]) => key).filter((key) => !(key in spec.labels))).toEqual([]);
      expect(execFormOf(dockerfile, 'CMD')).toEqual(options.command);
      const check = options.healthcheck as { command: string[] } | undefined;
      const activatedBy = spec.finalImageKind === FinalImageKind.DISTROLESS ? [] : [spec.recipe === DockerRecipe.TUTORIAL ? '/app/entrypoint.sh' : '/opt/pixi-image/entrypoint.sh'];
      expect(healthcheckCommandOf(dockerfile)).toEqual(check ? [...activatedBy, ...check.command] : undefined);
    }), { seed: SEED, numRuns: runs(1000) });
  });

  test('entrypoint: shellcheck finds nothing, and bash reads the default command as given', () => {
    fc.assert(fc.property(VALID_IMAGE_OPTIONS, (options) => {
      const spec = imageOrRefusal(options);
      const entrypoint = spec?.renderEntrypoint();
      if (!entrypoint) return;
      expect(shellcheck(entrypoint, 'bash')).toEqual([]);
      expect(entrypointCommand(entrypoint)).toEqual(options.command ?? ['/bin/bash']);
    }), { seed: SEED, numRuns: runs(150) });
  });

  test('an environment name is one argument to pixi, never an option of its own', () => {
    fc.assert(fc.property(anyOptions({ environment: IMAGE_FIELDS.environment }), (options) => {
      const spec = imageOrRefusal({ ...options, copySources: false });
      if (!spec) return;
      for (const line of spec.renderDockerfile().split('\n').filter((l) => l.includes('--environment'))) {
        expect(line).toMatch(/--environment[ =][a-z\d][a-z\d-]*|--environment=-[a-z\d-]*/);
        expect(line).not.toMatch(/--environment -/);
      }
    }), { seed: SEED, numRuns: runs(300) });
  });
});

describe('sources: any paths give the typed error naming the source, or one COPY per source, as given, into the final stage', () => {
  /** A source's `from` or `to` as any caller may write it: valid, hostile, or wrong-typed. */
  const anyPath = fc.oneof(SOURCES.map((sources) => sources[0]?.to ?? '.'), hostileText, fc.constantFrom('..', 'a/../..', '/', '//x', 'a//b', 'a/./b', '.pixi'));
  const anySources = fc.array(fc.record({ from: anyPath, to: anyPath }, { requiredKeys: ['from'] }), { maxLength: 3 });

  test.each([DockerRecipe.OPTIMIZED, DockerRecipe.TUTORIAL])('%s', (recipe) => {
    fc.assert(fc.property(fc.oneof(SOURCES, anySources), (sources) => {
      let spec: PixiDockerImageSpec;
      try {
        spec = new PixiDockerImageSpec({ recipe, sources: sources as never });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect((error as PixiValidationError).option).toMatch(/^sources\[\d\]\.(from|to)$/);
        return;
      }
      const dockerfile = spec.renderDockerfile();
      expect(dockerfileFindings(dockerfile)).toEqual([]);
      const copies = parseInstructions(dockerfile).filter((i) => i.stage === 'final' && i.keyword === 'COPY' && Object.keys(i.flags).length === 0);
      const words = copies.map((i) => i.args.split(' ')).filter((w) => !w[0].endsWith('entrypoint.sh'));
      expect(words).toEqual(spec.sources.map((source) => [recipe === DockerRecipe.TUTORIAL && source.from !== '.' ? `./${source.from}` : source.from, source.to]));
      for (const source of spec.sources) {
        expect(source.to).toMatch(/^\/[A-Za-z0-9_.@+/-]*$/);
        expect(source.to!.split('/')).not.toContain('..');
        expect(source.to === '/app/.pixi' || source.to!.startsWith('/app/.pixi/') || source.to!.startsWith('/opt/pixi-image')).toBe(false);
      }
      // The build stage copies no source: a source edit never reaches the install.
      expect(parseInstructions(dockerfile).filter((i) => i.stage === 'build' && i.keyword === 'COPY' && i.args.split(' ')[0] !== '.')
        .map((i) => i.args)).toEqual(['pixi.toml pixi.lock ./'].slice(0, recipe === DockerRecipe.OPTIMIZED ? 1 : 0));
    }), { seed: SEED, numRuns: runs(600) });
  });
});

describe('buildCommands: any text gives the typed error naming the command, or a RUN that bash reads as written', () => {
  test('in the Dockerfile (exec form) and in the Apptainer %post (one double-quoted bash -c word)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(oneLine, hostileText), { minLength: 1, maxLength: 3 }), (commands) => {
      let spec: PixiDockerImageSpec;
      try {
        spec = new PixiDockerImageSpec({ buildCommands: commands });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect((error as PixiValidationError).option).toMatch(/^buildCommands\[\d\]$/);
        return;
      }
      const dockerfile = spec.renderDockerfile();
      expect(dockerfileFindings(dockerfile)).toEqual([]);
      // As Docker reads exec form: the instruction's JSON, whitespace and all.
      const bashRuns = DockerfileParser.parse(dockerfile).getInstructions().map((i) => i.getArgumentsContent() ?? '')
        .filter((args) => args.startsWith('[')).map((args) => JSON.parse(args)).filter((args) => args[0] === '/bin/bash');
      expect(bashRuns).toEqual(commands.map((command) => ['/bin/bash', '-c', `. /opt/pixi-image/activate.sh && ${command}`]));
      const post = new ApptainerDefinitionSpec(spec).render().split('%post')[1];
      // What sh hands to bash -c: each line's one word, as the shell unquotes it.
      const words = post.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('bash -c ')).map((line) =>
        spawnSync('sh', ['-c', `printf '%s\\0' ${line.slice('bash -c '.length)}`], { encoding: 'utf8' }).stdout.split('\0').slice(0, -1));
      expect(words.every((word) => word.length === 1)).toBe(true);
      expect(words.map(([word]) => word)).toEqual(commands.map((command) => `. /opt/pixi-image/activate.sh && ${command}`));
    }), { seed: SEED, numRuns: runs(300) });
  });
});

describe('image names up to the distribution grammar\'s 255 characters (issue 32: longer ones were taken)', () => {
  test('a base image is taken exactly when its name, registry included, is at most 255 characters', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), (segment, count) => {
      const name = ['registry.example.org', ...Array.from({ length: count }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${'x'.repeat(segment - 1)}`)].join('/');
      let taken = true;
      try {
        new PixiDockerImageSpec({ baseImage: `${name}:1.0`, copySources: false });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        taken = false;
      }
      expect([name.length, taken]).toEqual([name.length, name.length <= 255]);
    }), { seed: SEED, numRuns: runs(200) });
  });
});
