import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { hostileText, oneLine, namedOption, runs, SEED } from './arbitraries';
import { VALID_IMAGE_OPTIONS } from './image-fields';
import { ApptainerDefinitionSpec, PixiDockerImageSpec, PixiValidationError } from '../../src';
import { parseDefinition, workdirFindings } from '../helpers/apptainer';
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
