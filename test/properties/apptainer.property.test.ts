import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { Project, Testing } from 'projen';
import { hostileText, oneLine, namedOption, runs, SEED } from './arbitraries';
import { VALID_IMAGE_OPTIONS } from './image-fields';
import { ApptainerDefinition, ApptainerDefinitionSpec, PixiDockerImageSpec, PixiValidationError, PixiWorkspace } from '../../src';
import { parseDefinition, workdirFindings } from '../helpers/apptainer';
import { tempRepository } from '../helpers/project';
import { shellcheck } from '../helpers/shellcheck';

const SCRIPT_SECTIONS = ['post', 'environment', 'runscript', 'startscript', 'test'];
const title = fc.oneof(oneLine, hostileText);
const file = fc.oneof(fc.constantFrom('apptainer.def', 'hpc/gpu.def', 'x.def'), hostileText);
const header = fc.option(fc.oneof(oneLine, hostileText), { nil: undefined });

/** What `sh` (dash on Debian) exports from the `export KEY="value"` lines of `%environment`. */
function exported(environment: string, keys: string[]): string[] {
  const exports = environment.split('\n').filter((line) => /^export [A-Za-z_]/.test(line)).join('\n');
  const script = `${exports}\n${keys.map((key) => `printf '%s\\0' "$${key}"`).join('\n')}\n`;
  return spawnSync('sh', ['-c', script], { encoding: 'utf8' }).stdout.split('\0').slice(0, -1);
}

describe('ApptainerDefinitionSpec: any title, file and header give the typed error or a definition that keeps them', () => {
  test('two stages, scripts clean for shellcheck, title, labels and variables as given', () => {
    let written = 0;
    const definitionOptions = fc.record({ title, file }, { requiredKeys: [] });
    fc.assert(fc.property(VALID_IMAGE_OPTIONS, definitionOptions, header, (imageOptions, options, headerComment) => {
      let image: PixiDockerImageSpec;
      try {
        // Apptainer refuses build secrets by design (no secret mounts), as its unit test shows.
        image = new PixiDockerImageSpec({ ...imageOptions, buildSecrets: undefined });
      } catch {
        return; // the image suite covers image refusals
      }
      let text: string;
      try {
        text = new ApptainerDefinitionSpec(image, options).render({ headerComment });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect(namedOption((error as PixiValidationError).option, ['image', 'headerComment', ...Object.keys(options)])).toBeDefined();
        return;
      }
      written++;
      const stages = parseDefinition(text);
      expect(stages.map((stage) => stage.header.Stage)).toEqual(['build', 'final']);
      const labels = stages[1].sections.find((s) => s.name === 'labels')!.body.split('\n').filter((l) => l !== '');
      const expected = { 'org.opencontainers.image.title': options.title ?? image.environment, ...image.labels };
      expect(labels).toEqual(expect.arrayContaining(Object.entries(expected).map(([key, value]) => `${key} ${value}`)));
      const environment = stages[1].sections.find((s) => s.name === 'environment')!.body;
      expect(exported(environment, Object.keys(image.env))).toEqual(Object.values(image.env));
      for (const name of ['runscript', 'startscript']) {
        expect([name, workdirFindings(stages[1].sections.find((s) => s.name === name)!.body, '/app')]).toEqual([name, []]);
      }
      if (written % 10 === 1) {
        for (const stage of stages) {
          for (const section of stage.sections.filter((s) => SCRIPT_SECTIONS.includes(s.name))) {
            expect([section.name, shellcheck(section.body, 'sh')]).toEqual([section.name, []]);
          }
        }
      }
    }), { seed: SEED, numRuns: runs(800) });
    expect(written).toBeGreaterThan(50);
  });
});

describe('ApptainerDefinition of its own: any image options give the typed error or %files that all exist (issue 32)', () => {
  test('every host path a written definition copies is in the build context', () => {
    let written = 0;
    // Which of the paths the options name the build context holds (each, mostly).
    const present = fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }).map((flags) => flags.map((flag, i) => flag || i % 3 === 0));
    fc.assert(fc.property(VALID_IMAGE_OPTIONS, present, (imageOptions, held) => {
      const outdir = tempRepository();
      rmSync(join(outdir, 'app'), { recursive: true, force: true });
      // The lock is missing only before the first pixi lock, which the images warn about.
      writeFileSync(join(outdir, 'pixi.lock'), 'version: 6\n');
      const o = imageOptions as any;
      const named: string[] = [o.sourceDir ?? (o.sources === undefined ? 'app' : undefined), ...(o.sources ?? []).map((x: any) => x.from), ...(o.installInputs ?? [])]
        .filter((p: string | undefined): p is string => p !== undefined && p !== '.');
      named.forEach((p, i) => { if (held[i % held.length]) mkdirSync(join(outdir, p), { recursive: true }); });
      // Before synthesis: Testing.synth removes the folder afterwards.
      const existing = [...named, 'pixi.lock'].filter((p) => existsSync(join(outdir, p)));
      const project = new Project({ name: 'p', outdir });
      let text: string;
      let generated: string[];
      try {
        new PixiWorkspace(project, {});
        // What decides the definition's %files: the sources and the install inputs.
        const { sourceDir, copySources, sources, installInputs } = imageOptions as any;
        const options = { sourceDir, copySources, sources, installInputs };
        new ApptainerDefinition(project, { imageOptions: options });
        const synthesized = Testing.synth(project);
        generated = Object.keys(synthesized);
        text = synthesized['apptainer.default.def'];
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        return;
      }
      if (text === undefined) return;
      written++;
      const hostPaths = parseDefinition(text).flatMap((stage) => stage.sections.filter((s) => s.name === 'files' && s.args === '')
        .flatMap((s) => s.body.split('\n').filter((line) => line.trim() !== '').map((line) => line.trim().split(/\s+/)[0])));
      expect(hostPaths.filter((path) => !existing.includes(path) && !generated.includes(path))).toEqual([]);
    }), { seed: SEED, numRuns: runs(120) });
    expect(written).toBeGreaterThan(5);
  });
});
