import { existsSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { Project } from 'projen';
import { anyOptions, Fields, hostileText, optionSets, namedOption, runs, SEED, wrongTyped } from './arbitraries';
import { dockerfileFindings } from './dockerfile-findings';
import { IMAGE_FIELDS } from './image-fields';
import {
  ApptainerDefinition, DockerIgnore, GhcrWorkflow, PixiDockerImage, PixiProject, PixiValidationError, PixiWorkspace,
} from '../../src';
import { tempRepository } from '../helpers/project';

/** Which construct of a case refused, and the options it was given. */
interface Step {
  readonly construct: string;
  readonly options: unknown;
  readonly build: (project: Project) => unknown;
}

const IGNORE_FIELDS: Fields = {
  defaults: fc.boolean(),
  patterns: fc.array(fc.oneof(
    fc.constantFrom('*.csv', 'data/', '!data/keep', '**/*.sif'),
    // Globs Docker's matcher may not read: classes, ranges, escapes.
    fc.stringMatching(/^[[\]\\a-c*?!^-]{1,5}$/),
  ), { maxLength: 2 }),
};
const FEATURES = { 'gpu': { systemRequirements: { cuda: '12' } }, '-dev': {}, '_base': {} };
const ENVIRONMENTS = { 'gpu': { features: ['gpu'] }, '-dev': { features: ['-dev', '_base'] }, 'dev': { features: ['_base'] } };
const WORKSPACE_FIELDS: Fields = {
  platforms: fc.constantFrom(['linux-64'], ['linux-64', 'osx-arm64']),
  features: fc.constant(FEATURES),
  environments: fc.constant(ENVIRONMENTS),
};
/** Images of the environments above, so that many cases get as far as synthesis. */
const CASE_IMAGE_FIELDS: Fields = {
  // Fields that combine freely (the image suite covers recipe, entrypoint and label rules).
  ...Object.fromEntries(['cudaVersion', 'finalImage', 'ports', 'command', 'env', 'dockerfile', 'copySources'].map((key) => [key, IMAGE_FIELDS[key]])),
  environment: fc.constantFrom('default', 'gpu', 'dev', '-dev'),
  // What the repository has (tempRepository makes app/), or not.
  sourceDir: fc.constantFrom('app', 'app', 'missing'),
  installInputs: fc.constantFrom([], ['app'], ['missing']),
};
// Valid values only: anyOptions adds the broken ones (`branches: []`, `title: 42`, "${{ github.sha }}", ...).
const WORKFLOW_FIELDS: Fields = { workflowName: fc.constantFrom('Images', 'Build: all'), branches: fc.constantFrom(['main'], ['release/v[0-9]*']) };
const DEFINITION_FIELDS: Fields = { title: fc.constantFrom('Lab', 'ça va'), file: fc.constantFrom('x.def', 'apptainer.def') };

/** A project of one case: a workspace, one or two images, an ignore file, a definition and the workflow, each with any options. */
const steps: fc.Arbitrary<Step[]> = fc.tuple(
  // The features and environments the images use, mostly; any workspace options sometimes.
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ platforms: WORKSPACE_FIELDS.platforms }, { requiredKeys: [] })
        .map((options) => ({ ...options, features: FEATURES, environments: ENVIRONMENTS })),
    },
    { weight: 1, arbitrary: anyOptions(WORKSPACE_FIELDS) },
  ),
  fc.array(optionSets(CASE_IMAGE_FIELDS), { minLength: 1, maxLength: 2 }),
  fc.oneof({ weight: 9, arbitrary: optionSets(IGNORE_FIELDS) }, { weight: 1, arbitrary: wrongTyped }),
  fc.option(optionSets(DEFINITION_FIELDS), { nil: undefined }),
  optionSets(WORKFLOW_FIELDS),
).map(([workspace, images, ignore, definition, workflow]) => [
  { construct: 'PixiWorkspace', options: workspace, build: (p: Project) => new PixiWorkspace(p, workspace as any) },
  ...images.map((image) => ({ construct: 'PixiDockerImage', options: image, build: (p: Project) => new PixiDockerImage(p, image as any) })),
  { construct: 'DockerIgnore', options: ignore, build: (p: Project) => new DockerIgnore(p, ignore as any) },
  ...(definition ? [{
    construct: 'ApptainerDefinition',
    options: definition,
    build: (p: Project) => new ApptainerDefinition(p, { ...definition, image: PixiDockerImage.ofProject(p)[0] } as any),
  }] : []),
  { construct: 'GhcrWorkflow', options: workflow, build: (p: Project) => new GhcrWorkflow(p, workflow as any) },
]);

/** The error must be the typed one, from the construct being built, naming one of its options (or its own paths). */
function expectNamedRefusal(error: unknown, step: Step | undefined): void {
  expect(error).toBeInstanceOf(PixiValidationError);
  const refusal = error as PixiValidationError;
  if (!step) return; // at synthesis: any construct may name its option
  expect(refusal.construct).toBe(step.construct);
  const given = step.options !== null && typeof step.options === 'object' ? Object.keys(step.options) : [];
  const own = ['options', 'image', 'file', 'dockerfile', 'entrypointFile', 'imageOptions', 'images', 'project', 'Dockerfile', '.dockerignore'];
  expect(namedOption(refusal.option, [...own, ...given])).toBeDefined();
}

describe('the projen constructs: any options end in the typed error of the construct that took them, or in a synthesized project', () => {
  test('construction and synthesis never crash; written Dockerfiles validate', () => {
    let synthesized = 0;
    fc.assert(fc.property(steps, (caseSteps) => {
      const outdir = tempRepository();
      try {
        const project = new Project({ name: 'p', outdir });
        for (const step of caseSteps) {
          try {
            step.build(project);
          } catch (error) {
            expectNamedRefusal(error, step);
            return;
          }
        }
        try {
          project.synth();
        } catch (error) {
          expectNamedRefusal(error, undefined);
          return;
        }
        synthesized++;
        for (const image of PixiDockerImage.ofProject(project)) {
          const dockerfile = readFileSync(join(outdir, image.spec.dockerfile), 'utf8');
          expect(dockerfileFindings(dockerfile)).toEqual([]);
          if (image.spec.entrypointFile) expect(existsSync(join(outdir, image.spec.entrypointFile))).toBe(true);
        }
        expect(existsSync(join(outdir, '.github/workflows/docker.yaml'))).toBe(true);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }), { seed: SEED, numRuns: runs(600) });
    expect(synthesized).toBeGreaterThan(15);
  });

  test('PixiProject from JavaScript: any option values give the typed error or a project', () => {
    const PROJECT_FIELDS: Fields = {
      environments: fc.constantFrom(['default'], ['default', 'gpu'], ['-dev'], ['dev', '-dev']),
      cudaVersion: fc.constantFrom('12', '12.9'),
      finalImage: fc.constantFrom('ubuntu:24.04', 'gcr.io/distroless/base-debian12'),
      apptainer: fc.boolean(),
      ports: fc.constantFrom([8080], [80, 443]),
      command: fc.constantFrom(['python', '-m', 'app'], ['bash']),
      dependencies: fc.constantFrom(['python=3.12.*'], ['numpy>=2', 'pandas']),
    };
    let built = 0;
    fc.assert(fc.property(fc.oneof(optionSets(PROJECT_FIELDS), anyOptions({ ...PROJECT_FIELDS, name: hostileText })), (options) => {
      const outdir = tempRepository();
      try {
        new PixiProject({ name: 'p', outdir, ...options } as any);
        built++;
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }), { seed: SEED, numRuns: runs(150) });
    expect(built).toBeGreaterThan(10);
  });
});

describe('PixiProject checks the options of parts that are off, and its job files (issues 28 and 32)', () => {
  test('testTasks is refused with the test workflow off; job files are written exactly when asked for with a pinned image and a command', () => {
    const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { freq: 4, nil: undefined });
    const options = fc.record({
      testWorkflow: fc.option(fc.boolean(), { nil: undefined }),
      // Refused either way (no such task, or no workflow to run it).
      testTasks: fc.option(fc.constant(['--help']), { freq: 5, nil: undefined }),
      htcondor: fc.option(fc.boolean(), { nil: undefined }),
      slurm: fc.option(fc.boolean(), { nil: undefined }),
      jobImage: sometimes(fc.constantFrom('ghcr.io/lab/p:sha-abc1234', 'ghcr.io/lab/p:sha-abc1234', 'ghcr.io/lab/p:latest')),
      command: sometimes(fc.constantFrom(['python', '-m', 'app'], ['bash'])),
    });
    let built = 0;
    fc.assert(fc.property(options, (given) => {
      const outdir = tempRepository();
      try {
        const project = new PixiProject({ name: 'p', outdir, ...given } as any);
        built++;
        expect(given.testWorkflow === false && given.testTasks !== undefined).toBe(false);
        const files = project.files.map((file) => file.path);
        expect([files.includes('htcondor.default.sub'), files.includes('slurm.default.sh')]).toEqual([given.htcondor === true, given.slurm === true]);
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    }), { seed: SEED, numRuns: runs(150) });
    expect(built).toBeGreaterThan(10);
  });
});
