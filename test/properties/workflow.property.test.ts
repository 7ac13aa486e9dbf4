import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { Project } from 'projen';
import { parse, stringify } from 'yaml';
import { Fields, oneLine, optionSets, namedOption, runs, SEED } from './arbitraries';
import {
  ApptainerDefinitionSpec, CheckoutSubmodules, DefaultImageTag, GhcrWorkflow, GhcrWorkflowImage, GhcrWorkflowSpec, ImagePlatform, PixiDockerImage,
  PixiDockerImageSpec,
  PixiValidationError, WorkflowRecipe,
} from '../../src';
import { writeBlockYaml } from '../../src/github/block-yaml';
import { WORKFLOW_OPTIONS } from '../../src/github/option-shapes';
import { resolveWorkflowSettings } from '../../src/github/workflow-settings';
import { checkShape } from '../../src/util/shape';
import { tempRepository } from '../helpers/project';
import { securityFindings } from '../helpers/workflow-security';
import { workflowFindings } from '../helpers/workflow-validators';

/** Mostly `valid`, now and then `odd`. */
const mostly = <T>(valid: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: odd });

/** The fields of GhcrWorkflowSpecOptions. */
const WORKFLOW_FIELDS: Fields = {
  // TUTORIAL refuses most other options: mostly OPTIMIZED, so that most valid sets write a workflow.
  recipe: fc.oneof({ weight: 1, arbitrary: fc.constant(WorkflowRecipe.TUTORIAL) }, { weight: 4, arbitrary: fc.constant(WorkflowRecipe.OPTIMIZED) }),
  workflowName: fc.oneof(oneLine, fc.constantFrom('Docker Images', 'build: images', '"quoted"', '# not a comment')),
  branches: fc.array(fc.constantFrom('main', 'release/v[0-9]*', 'feature/**', '!wip', 'v1.x', 'dev-*', 'a+b', 'v?'), { minLength: 1, maxLength: 3 }),
  imageName: fc.constantFrom('ghcr.io/my-lab/cuda-exercise', 'ghcr.io/my-lab/my__repo', 'ghcr.io/a/b/c', 'ghcr.io/a-b/c.d_e'),
  tags: fc.array(fc.constantFrom('type=raw,value=latest', 'type=sha', 'type=semver,pattern={{version}}', 'type=ref,event=branch'), { maxLength: 2 }),
  platforms: fc.uniqueArray(fc.constantFrom(...Object.values(ImagePlatform)), { minLength: 1 }),
  qemu: fc.boolean(),
  smokeTest: fc.array(oneLine, { minLength: 1, maxLength: 3 }),
  attest: fc.boolean(),
  actionOverrides: fc.constantFrom({}, { 'docker/login-action': 'docker/login-action@v3' }),
  // Issue 30: publishing elsewhere and the repository's own steps; mostly valid, sometimes odd (hostile values come from anyOptions).
  defaultTags: fc.uniqueArray(fc.constantFrom(...Object.values(DefaultImageTag)), { minLength: 1 }),
  rawTags: fc.array(mostly(fc.constantFrom('noble', 'cuda-12.9', 'v1_2'), fc.constantFrom('.hidden', 'a:b', '')), { maxLength: 2 }),
  extraRegistries: fc.uniqueArray(fc.record({
    image: mostly(fc.constantFrom('docker.io/my-lab/cuda', 'quay.io/lab/x', 'registry.example.org:5000/g/r', '[::1]:5000/pixi'), fc.constantFrom('my-lab/cuda', 'ghcr.io/a/b')),
    usernameSecret: fc.option(mostly(fc.constantFrom('DOCKER_USER', 'user_2'), fc.constantFrom('2USER', 'GITHUB_USER', 'A}}')), { nil: undefined }),
    passwordSecret: mostly(fc.constantFrom('DOCKERHUB_TOKEN', 'QUAY_TOKEN'), oneLine),
  }, { requiredKeys: ['image', 'passwordSecret'] }), { maxLength: 2, selector: (target) => target.image.split('/')[0] }),
  pullRegistries: fc.uniqueArray(fc.record({
    registry: mostly(fc.constantFrom('registry.example.org', 'docker.io', 'localhost:5000'), fc.constantFrom('ghcr.io', 'a/b')),
    usernameSecret: mostly(fc.constant('SITE_USER'), oneLine),
    passwordSecret: mostly(fc.constant('SITE_TOKEN'), oneLine),
  }), { maxLength: 2, selector: (login) => login.registry }),
  checkout: fc.record({ submodules: fc.constantFrom(...Object.values(CheckoutSubmodules)), fullHistory: fc.boolean(), lfs: fc.boolean() },
    { requiredKeys: [] }),
  preBuildSteps: fc.array(fc.oneof(
    // Scripts shellcheck takes: what a user writes in their own steps is theirs, not this library's to lint.
    fc.record({
      name: oneLine,
      run: fc.constantFrom('make data\n', 'ls app\npython x.py\n', 'echo "$HOME" "it\'s"'),
      env: fc.dictionary(fc.constantFrom('A', 'B_2'), oneLine, { maxKeys: 2 }),
    }, { requiredKeys: ['run'] }),
    fc.record({
      uses: mostly(fc.constantFrom('actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065', './.github/actions/fetch'), fc.constant('actions/setup-python@v5')),
      with: fc.dictionary(fc.constantFrom('python-version', 'cache'), fc.oneof(oneLine, fc.boolean(), fc.integer()), { maxKeys: 2 }),
    }, { requiredKeys: ['uses'] }),
  ), { maxLength: 2 }),
  testCommands: fc.array(oneLine, { maxLength: 2 }),
  apptainerPackage: mostly(fc.constantFrom('ghcr.io/my-lab/sif', 'ghcr.io/a/b/c'), fc.constant('docker.io/a/b')),
};

/** One to three images that may share environments (`-dev` and `dev` too), contexts and Dockerfiles. */
const images: fc.Arbitrary<Array<{ environment: string; dockerfile: string; context: string; apptainer: boolean }>> = fc.array(fc.record({
  environment: fc.constantFrom('default', 'dev', '-dev', 'gpu', 'prod'),
  dockerfile: fc.constantFrom('Dockerfile', 'Dockerfile.dev', 'Dockerfile.-dev'),
  context: fc.constantFrom('.', 'services/a', 'services/b', 'other/a'),
  apptainer: fc.boolean(),
}), { minLength: 1, maxLength: 3 });

function workflowImages(descriptions: Array<{ environment: string; dockerfile: string; context: string; apptainer: boolean }>): GhcrWorkflowImage[] {
  return descriptions.map((d) => {
    const spec = new PixiDockerImageSpec({ environment: d.environment, dockerfile: d.dockerfile, copySources: false });
    return { spec, context: d.context, apptainer: d.apptainer ? new ApptainerDefinitionSpec(spec) : undefined };
  });
}

describe('GhcrWorkflowSpec: any options and images give the typed error or a workflow that actionlint, the schema and shellcheck accept', () => {
  test('valid workflows keep the name, the branches, and build every image under its own job ids and tags', async () => {
    let written = 0;
    let writtenFast = 0;
    await fc.assert(fc.asyncProperty(optionSets(WORKFLOW_FIELDS), images, async (options, descriptions) => {
      let yaml: string;
      let spec: GhcrWorkflowSpec;
      const given = workflowImages(descriptions);
      try {
        spec = new GhcrWorkflowSpec(given, options);
        yaml = spec.renderYaml({ headerComment: 'generated' });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        const option = (error as PixiValidationError).option;
        expect(namedOption(option, ['options', 'images', ...Object.keys(options)])).toBeDefined();
        // Images are refused only when two share a Dockerfile: any others get ids of their own.
        if (option.startsWith('images')) {
          const paths = descriptions.map((d) => `${d.context}/${d.dockerfile}`);
          expect(new Set(paths).size).toBeLessThan(paths.length);
        }
        return;
      }
      written++;
      // The fast YAML writer, when it takes the workflow, writes what yaml would.
      const data = spec.toWorkflow();
      const fast = writeBlockYaml(data);
      if (fast !== undefined) {
        writtenFast++;
        expect(fast).toBe(stringify(data, { lineWidth: 0, aliasDuplicateObjects: false }));
      }
      expect(await workflowFindings(yaml)).toEqual([]);
      const workflow = parse(yaml);
      expect(workflow.name).toBe(options.workflowName ?? 'Docker Images');
      expect(workflow.on.push.branches).toEqual(options.branches ?? ['main']);
      const jobs = Object.keys(workflow.jobs);
      if (options.recipe !== WorkflowRecipe.TUTORIAL) {
        expect(jobs.filter((id) => id.startsWith('build-'))).toHaveLength(given.length);
        expect(jobs.filter((id) => id.startsWith('check-'))).toHaveLength(given.length);
        // Each family of job ids has a prefix no other family starts with: no image id can make two jobs collide.
        expect(jobs.filter((id) => id.startsWith('apptainer-'))).toHaveLength(given.filter((image) => image.apptainer).length);
        expect(jobs.filter((id) => id.startsWith('sif-check-'))).toHaveLength(given.filter((image) => image.apptainer).length);
        // Only what the user's actionOverrides chose may be unpinned.
        const overrides = Object.values(options.actionOverrides ?? {});
        expect(securityFindings(yaml).filter((f) => !(f.rule === 'unpinned-uses' && overrides.some((uses) => f.what.startsWith(`${uses} `))))).toEqual([]);
        const apptainerTags = jobs.filter((id) => id.startsWith('apptainer-'))
          .map((id) => workflow.jobs[id].steps.find((step: any) => step.env?.TAG)?.env.TAG);
        expect(new Set(apptainerTags).size).toBe(apptainerTags.length);
        // Every name and command comes out literally, where it belongs.
        for (const id of jobs.filter((job) => job.startsWith('publish-'))) {
          const meta = workflow.jobs[id].steps.find((step: any) => step.id === 'meta');
          expect(String(meta.with.images).split('\n').filter(Boolean).slice(1)).toEqual(((options.extraRegistries ?? []) as any[]).map((target) => target.image));
        }
        for (const id of jobs.filter((job) => job.startsWith('build-') || job.startsWith('check-'))) {
          const commands = workflow.jobs[id].steps.filter((step: any) => step.env?.TEST_COMMAND !== undefined)
            .map((step: any) => step.env.TEST_COMMAND);
          expect(commands).toEqual(options.testCommands ?? []);
        }
      } else {
        expect(jobs).toHaveLength(given.length);
      }
    }), { seed: SEED, numRuns: runs(300) });
    // The property is not vacuous: a good share of the cases ends in a workflow, most written by the fast path.
    expect(written).toBeGreaterThan(30);
    expect(writtenFast).toBeGreaterThan(written / 3);
  });

  test('a refusal comes before any image is known: options are checked without images too', () => {
    fc.assert(fc.property(optionSets(WORKFLOW_FIELDS), (options) => {
      let withImages: unknown;
      let without: unknown;
      try {
        new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec({ copySources: false }) }], options);
      } catch (error) {
        withImages = error;
      }
      try {
        // What GhcrWorkflow checks at construction, before it knows its images.
        checkShape('GhcrWorkflow', options, WORKFLOW_OPTIONS);
        resolveWorkflowSettings(options);
      } catch (error) {
        without = error;
      }
      expect((without as Error | undefined)?.message).toBe((withImages as Error | undefined)?.message);
    }), { seed: SEED, numRuns: runs(600) });
  });
});

describe('image ids: any distinct environments and Dockerfiles give distinct ids (issue 32: dev and dev- collided)', () => {
  test('one build job per image, whatever the names share once dashes and case are dropped', () => {
    const environment = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_-]{0,5}$/);
    fc.assert(fc.property(fc.uniqueArray(environment, { minLength: 2, maxLength: 4, selector: (name) => name }), (environments) => {
      let described;
      try {
        described = environments.map((name) => ({ spec: new PixiDockerImageSpec({ environment: name, dockerfile: `Dockerfile.${name}`, copySources: false }) }));
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        return;
      }
      const jobs = Object.keys(new GhcrWorkflowSpec(described).toWorkflow().jobs).filter((id) => id.startsWith('build-'));
      expect(new Set(jobs).size).toBe(environments.length);
    }), { seed: SEED, numRuns: runs(300) });
  });
});

describe('branches: a name is taken exactly when git takes it (issue 32: fix#12 and user@fix were refused, --help taken)', () => {
  test('without GitHub\'s pattern characters, the workflow accepts a branch name if and only if git check-ref-format --branch does', () => {
    const char = fc.constantFrom(...'ab/.-_#@{}~^: \\\t9é'.split(''), 'lock');
    const name = fc.array(char, { minLength: 1, maxLength: 7 }).map((parts) => parts.join(''));
    fc.assert(fc.property(name, (branch) => {
      const git = spawnSync('git', ['check-ref-format', '--branch', branch], { encoding: 'utf8' });
      if (git.error) throw new Error(`git could not run: ${git.error.message}`);
      let accepted = true;
      try {
        resolveWorkflowSettings({ branches: [branch] } as any);
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        accepted = false;
      }
      expect([branch, accepted]).toEqual([branch, git.status === 0]);
    }), { seed: SEED, numRuns: runs(400) });
  });
});

describe('images given to GhcrWorkflow are checked as the images it finds (issue 32: two subprojects\' Dockerfile were refused)', () => {
  test('the same jobs, or the same refusal, whether the images are passed or found', () => {
    const folder = fc.constantFrom('api', 'worker', 'services/api', 'Api', 'a-pi');
    const dockerfile = fc.constantFrom('Dockerfile', 'Dockerfile.gpu');
    const arbitraries = [fc.uniqueArray(folder, { minLength: 1, maxLength: 3 }), fc.array(dockerfile, { minLength: 3, maxLength: 3 })] as const;
    fc.assert(fc.property(...arbitraries, (folders, dockerfiles) => {
      const outcome = (explicit: boolean): unknown => {
        const root = new Project({ name: 'lab', outdir: tempRepository() });
        try {
          const built = folders.map((dir, i) =>
            new PixiDockerImage(new Project({ name: `p${i}`, parent: root, outdir: dir }), { dockerfile: dockerfiles[i], copySources: false }));
          const workflow = new GhcrWorkflow(root, explicit ? { images: built } : {});
          return Object.keys(workflow.spec().toWorkflow().jobs).sort();
        } catch (error) {
          expect(error).toBeInstanceOf(PixiValidationError);
          return (error as PixiValidationError).allowed;
        }
      };
      expect(outcome(true)).toEqual(outcome(false));
    }), { seed: SEED, numRuns: runs(60) });
  });
});
