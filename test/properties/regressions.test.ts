import { rmSync } from 'fs';
import { join } from 'path';
import { runInNewContext } from 'vm';
import { Project } from 'projen';
import { parse } from 'yaml';
import { keyValuePairs } from './buildkit-words';
import {
  ApptainerDefinition, ApptainerDefinitionSpec, DockerIgnore, GhcrWorkflow, GhcrWorkflowSpec, PixiDockerImage, PixiDockerImageSpec, PixiWorkspaceSpec,
  PixiProject, PixiValidationError, PixiWorkspace, RenovateConfigSpec,
} from '../../src';
import { namingRefusals } from '../../src/errors/refusal-naming';
import { OptionNames } from '../../src/project/option-names';
import { projectNaming } from '../../src/project/restate';
import { tempRepository } from '../helpers/project';
import { actionlintFindings } from '../helpers/workflow-validators';

/*
 * Each case was found by a property suite or listed in issue 13, minimised to one value; the name
 * says what went wrong before.
 */
const loose = (value: unknown) => value as any;
const project = () => new Project({ name: 'p', outdir: tempRepository() });

/** Runs the construction and returns its refusal, failing when it is not the typed error. */
function refusal(construct: () => unknown): PixiValidationError {
  try {
    construct();
  } catch (error) {
    expect(error).toBeInstanceOf(PixiValidationError);
    return error as PixiValidationError;
  }
  throw new Error('no refusal');
}

describe('crashes that are now typed refusals naming the option', () => {
  test.each<[string, () => unknown, string]>([
    ['ports: 8080 (was "ports is not iterable")', () => new PixiDockerImageSpec(loose({ ports: 8080 })), 'ports'],
    ['platforms: "linux-64"', () => PixiWorkspaceSpec.fromOptions(loose({ platforms: 'linux-64' })), 'platforms'],
    ['authors: "Jane"', () => PixiWorkspaceSpec.fromOptions(loose({ authors: 'Jane' })), 'authors'],
    ['tasks.start: null', () => PixiWorkspaceSpec.fromOptions(loose({ tasks: { start: null } })), 'tasks.start'],
    ['workflowName: null', () => new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec() }], loose({ workflowName: null })), 'workflowName'],
    ['Apptainer title: 42', () => new ApptainerDefinitionSpec(new PixiDockerImageSpec(), loose({ title: 42 })), 'title'],
    ['DockerIgnore patterns: 42', () => new DockerIgnore(project(), loose({ patterns: 42 })), 'patterns'],
    ['DockerIgnore patterns: ["["] (was a raw SyntaxError, an invalid regular expression)', () => new DockerIgnore(project(), { patterns: ['*.csv', '['] }), 'patterns[1]'],
    ['adopted platforms = 5', () => PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = 5\n', 'pixi.toml'), 'pixi.toml workspace.platforms'],
    ['adopted feature platforms = "linux-64"',
      () => PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[feature.cpu]\nplatforms = "linux-64"\n', 'pixi.toml'),
      'pixi.toml feature.cpu.platforms'],
    ['adopted cuda = { driver = "12" }',
      () => PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[system-requirements]\ncuda = { driver = "12" }\n', 'pixi.toml'),
      'pixi.toml system-requirements.cuda'],
  ])('%s', (_name, construct, option) => {
    expect(refusal(construct).option).toBe(option);
  });
});

describe('values that were silently wrong', () => {
  test('environments -dev and dev: two images, two job ids, both built', () => {
    const images = ['-dev', 'dev'].map((environment) => ({ spec: new PixiDockerImageSpec({ environment, dockerfile: `Dockerfile.${environment}`, copySources: false }) }));
    const jobs = Object.keys(new GhcrWorkflowSpec(images).toWorkflow().jobs);
    expect(jobs.filter((id) => id.startsWith('build-'))).toHaveLength(2);
  });

  test('two prod images in different directories push different Apptainer tags', () => {
    const image = () => {
      const spec = new PixiDockerImageSpec({ environment: 'prod', copySources: false });
      return { spec, apptainer: new ApptainerDefinitionSpec(spec) };
    };
    const workflow = new GhcrWorkflowSpec([{ ...image(), context: 'a' }, { ...image(), context: 'b' }]).toWorkflow();
    const tags = Object.entries(workflow.jobs).filter(([id]) => id.startsWith('apptainer-'))
      .map(([, job]: [string, any]) => job.steps.find((step: any) => step.env?.TAG).env.TAG);
    expect(tags).toHaveLength(2);
    expect(new Set(tags).size).toBe(2);
  });

  test('finalImageKind "PIXI" (the member name, from JavaScript) is refused, naming the values', () => {
    expect(refusal(() => new PixiDockerImageSpec(loose({ finalImageKind: 'PIXI' }))).allowed).toContain('FinalImageKind.PIXI ("pixi")');
  });

  test('a record given as a string is refused, not read character by character', () => {
    expect(refusal(() => new PixiDockerImageSpec(loose({ labels: 'ab' }))).option).toBe('labels');
    expect(refusal(() => PixiWorkspaceSpec.fromOptions(loose({ dependencies: 'p' }))).option).toBe('dependencies');
  });

  test('an env key __proto__ stays a variable', () => {
    const env = JSON.parse('{"__proto__": "x"}');
    const dockerfile = new PixiDockerImageSpec({ env, copySources: false }).renderDockerfile();
    expect(keyValuePairs(dockerfile, 'ENV')).toContainEqual(['__proto__', 'x']);
  });

  test('copySources: "false" is refused, not read as true', () => {
    expect(refusal(() => new PixiDockerImageSpec(loose({ copySources: 'false' }))).option).toBe('copySources');
  });

  test('an adopted environment using an undefined feature named constructor is refused', () => {
    const text = '[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[environments]\nx = ["constructor"]\n';
    expect(refusal(() => PixiWorkspaceSpec.parse(text, 'pixi.toml')).option).toBe('pixi.toml environments.x.features');
  });

  test('a feature named __proto__ is a feature, in options and in a read manifest', () => {
    const features = JSON.parse('{"__proto__": {}}');
    const manifest = PixiWorkspaceSpec.fromOptions({ features, environments: { x: { features: ['__proto__'] } } });
    expect(manifest.featuresOf('x')).toContain('__proto__');
  });
});

describe('injection', () => {
  test('environment -dev is one argument: --environment=-dev', () => {
    const dockerfile = new PixiDockerImageSpec({ environment: '-dev', copySources: false }).renderDockerfile();
    expect(dockerfile).toContain('pixi install --locked --environment=-dev');
    expect(dockerfile).toContain('--environment=-dev --shell bash');
    expect(dockerfile).not.toMatch(/--environment -/);
  });

  test.each(['escape=`', 'check=skip=all', 'syntax=evil/frontend', ' escape = `', '!=', 'a\u0085b: c', 'a\u2028b', 'a\u2029b', 'x\ud800'])(
    'header comment %j is refused by every renderer', (headerComment) => {
      const spec = new PixiDockerImageSpec();
      for (const render of [
        () => spec.renderDockerfile({ headerComment }),
        () => spec.renderEntrypoint({ headerComment }),
        () => new ApptainerDefinitionSpec(spec).render({ headerComment }),
        () => new GhcrWorkflowSpec([{ spec }]).renderYaml({ headerComment }),
        () => PixiWorkspaceSpec.fromOptions({}).render({ headerComment }),
      ]) expect(refusal(render).option).toBe('headerComment');
    });
});

describe('valid input that was refused', () => {
  test('feature _base', () => {
    expect(PixiWorkspaceSpec.fromOptions({ features: { _base: {} }, environments: { x: { features: ['_base'] } } }).featuresOf('x')).toContain('_base');
  });

  test('PixiProject environment -dev', () => {
    const p = new PixiProject({ name: 'p', outdir: tempRepository(), environments: ['-dev'] });
    expect(p.images[0].spec.environment).toBe('-dev');
  });

  test('branch filter release/v[0-9]* and image name ghcr.io/my-lab/my__repo', async () => {
    const spec = new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec({ copySources: false }) }],
      { branches: ['release/v[0-9]*'], imageName: 'ghcr.io/my-lab/my__repo' });
    const yaml = spec.renderYaml();
    expect(parse(yaml).on.push.branches).toEqual(['release/v[0-9]*']);
    expect(await actionlintFindings(yaml)).toEqual([]);
  });
});

describe('the workflow', () => {
  test('branches: [] (actionlint rejects it) and workflowName "${{ github.sha }}" are refused', () => {
    expect(refusal(() => new GhcrWorkflow(project(), { branches: [] })).option).toBe('branches');
    expect(refusal(() => new GhcrWorkflow(project(), { workflowName: '${{ github.sha }}' })).option).toBe('workflowName');
  });

  test('GhcrWorkflow checks its options at construction, without images', () => {
    expect(refusal(() => new GhcrWorkflow(project(), { branches: ['a b'] })).option).toBe('branches[0]');
  });

  test('two images of one Dockerfile path, and two definitions of one file, are refused before anything is written', () => {
    const spec = new PixiDockerImageSpec({ copySources: false });
    expect(refusal(() => new GhcrWorkflowSpec([{ spec }, { spec: new PixiDockerImageSpec({ environment: 'gpu', copySources: false }) }])).option)
      .toBe('images[1]');
    const p = project();
    const image = new PixiDockerImage(p);
    new ApptainerDefinition(p, { image });
    expect(refusal(() => new ApptainerDefinition(p, { image })).option).toBe('file');
  });
});

describe('found by a deeper run (PROPERTY_RUNS_SCALE=6)', () => {
  test('an image label with a trailing space cannot be an Apptainer %labels line, which Apptainer reads trimmed', () => {
    const spec = new PixiDockerImageSpec({ labels: { aa: '! ' }, copySources: false });
    expect(refusal(() => new ApptainerDefinitionSpec(spec)).option).toBe('image labels.aa');
    expect(refusal(() => new ApptainerDefinitionSpec(new PixiDockerImageSpec(), { title: ' Lab' })).option).toBe('title');
  });

  test('an unknown key made of a space is named as it is', () => {
    const error = refusal(() => new DockerIgnore(project(), loose({ ' ': '' })));
    expect([error.problem, error.option]).toEqual(['unknown option', ' ']);
  });

  test('PixiProject name given as an object without a prototype (was a TypeError inside projen)', () => {
    expect(refusal(() => new PixiProject(loose({ name: Object.create(null), outdir: tempRepository() }))).option).toBe('name');
  });
});

describe('found by the adopted-manifest property (seed 20261128)', () => {
  test('an unknown key of a [target.*] table is named after the file, as every refusal of a manifest is', () => {
    const text = '[workspace]\nchannels = ["conda-forge"]\nplatforms = ["win-64", "linux-64"]\n\n[target.win-64]\nconstructor = ""\n';
    const error = refusal(() => PixiWorkspaceSpec.parse(text, 'pixi.toml'));
    expect([error.problem, error.option, error.value]).toEqual(['unknown key', 'pixi.toml target.win-64.constructor', 'constructor']);
  });
});

describe('found by the projen new tests', () => {
  test('options made in another realm (projen new evaluates them in a vm context) are plain objects', () => {
    const options = runInNewContext('({ environments: ["default", "gpu"], cudaVersion: "12", ports: [8080] })');
    expect(new PixiProject({ name: 'p', outdir: tempRepository(), ...options }).images).toHaveLength(2);
    const image = runInNewContext('({ env: { A: "b" }, labels: { "org.x": "y" }, copySources: false })');
    expect(new PixiDockerImageSpec(image).env).toEqual({ A: 'b' });
  });
});

describe('messages that named the wrong option', () => {
  test('PixiProject with a distroless finalImage and apptainer names both options', () => {
    const error = refusal(() => new PixiProject({ name: 'p', outdir: tempRepository(), finalImage: 'gcr.io/distroless/base-debian12', apptainer: true }));
    expect(error.option).toBe('apptainer');
    expect(error.allowed).toContain('finalImage "gcr.io/distroless/base-debian12"');
  });

  test('imageOptions.dockerfile of a definition of its own is named as such', () => {
    const p = project();
    new PixiWorkspace(p);
    expect(refusal(() => new ApptainerDefinition(p, { imageOptions: { dockerfile: 'x' } })).option).toBe('imageOptions.dockerfile');
    expect(refusal(() => new ApptainerDefinition(p, { imageOptions: { environment: 'NO' } })).option).toBe('imageOptions.environment');
  });

  test('a Date is described as a Date, not as the string its JSON is', () => {
    expect(refusal(() => new PixiDockerImageSpec(loose({ environment: new Date(0) }))).message).toContain('invalid environment an instance of Date');
  });
});

describe('PixiProject speaks in its own options', () => {
  test.each<[string, object, string]>([
    ['a port of no image', { ports: [80, 0] }, 'ports[1]'],
    ['a platform pixi does not know', { platforms: ['linux-65'] }, 'platforms[0]'],
    ['an environment name pixi refuses', { environments: ['GPU'] }, 'environments'],
    ['a final image that is no reference', { finalImage: 'a b' }, 'finalImage'],
    ['a test task that reads as an option', { testTasks: ['-x'] }, 'testTasks[0]'],
  ])('%s', (_name, options, option) => {
    const error = refusal(() => new PixiProject({ name: 'p', outdir: tempRepository(), ...options }));
    expect([error.construct, error.option]).toEqual(['PixiProject', option]);
  });

  test('projen new names the switch', () => {
    const restated = namingRefusals(projectNaming(OptionNames.CLI), () => new PixiValidationError('PixiDockerImage', 'ports[0]', 0, 'whole numbers from 1 to 65535'));
    expect(restated.message).toBe('projen new: invalid --ports 0; allowed: whole numbers from 1 to 65535.');
  });
});

describe('issue 32: refusals that were wrong, and ids that collided', () => {
  test('environments dev and dev-: two ids (both read "dockerfile-dev" before, and the message asked for a rename)', () => {
    const images = ['dev', 'dev-'].map((environment) => ({ spec: new PixiDockerImageSpec({ environment, dockerfile: `Dockerfile.${environment}`, copySources: false }) }));
    const jobs = Object.keys(new GhcrWorkflowSpec(images).toWorkflow().jobs).filter((id) => id.startsWith('build-'));
    expect(new Set(jobs).size).toBe(2);
  });

  test('two subprojects\' Dockerfile passed explicitly: one workflow (was refused as images[1] "./Dockerfile")', () => {
    const root = new Project({ name: 'lab', outdir: tempRepository() });
    const images = ['api', 'worker'].map((name) => {
      const sub = new Project({ name, parent: root, outdir: `services/${name}` });
      return new PixiDockerImage(sub, { copySources: false });
    });
    const workflow = new GhcrWorkflow(root, { images });
    expect(workflow.spec().toWorkflow().jobs).toBeDefined();
  });
});

describe('issue 32: branch names as git allows them', () => {
  test.each(['fix#12', 'user@fix'])('%s is taken (was refused)', (branch) => {
    expect(() => new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec() }], { branches: ['main', branch] })).not.toThrow();
  });

  test('--help is refused (was taken), naming the branch', () => {
    expect(refusal(() => new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec() }], { branches: ['--help'] })).option).toBe('branches[0]');
  });
});

describe('issue 32: a registry on a bracketed IPv6 host, which the distribution reference grammar allows', () => {
  const reference = '[::1]:5000/pixi:latest';
  test('an image takes it as base and final image, and writes it into FROM', () => {
    const spec = new PixiDockerImageSpec({ baseImage: reference, finalImage: '[fd00::5]/lab/ubuntu:24.04', copySources: false });
    expect(spec.renderDockerfile()).toContain(`FROM ${reference} AS build`);
    expect(spec.renderDockerfile()).toContain('FROM [fd00::5]/lab/ubuntu:24.04');
  });

  test('an Apptainer definition and a PixiProject take it', () => {
    expect(new ApptainerDefinitionSpec(new PixiDockerImageSpec({ baseImage: reference, copySources: false })).render()).toContain(`From: ${reference}`);
    expect(() => new PixiProject({ name: 'p', outdir: tempRepository(), baseImage: reference, copySources: false })).not.toThrow();
  });

  test('Renovate\'s image list takes its name', () => {
    expect(new RenovateConfigSpec({ projenrcImages: ['[::1]:5000/pixi'] }).projenrcImages).toEqual(['[::1]:5000/pixi']);
  });

  test('a bracket that is no IPv6 host is still refused', () => {
    expect(refusal(() => new PixiDockerImageSpec({ baseImage: '[evil]/x:1' })).option).toBe('baseImage');
  });
});

describe('issue 32: a standalone Apptainer definition refuses what the build context lacks, by the rule an image follows', () => {
  test('imageOptions: {} without app/ (was %files for a directory that does not exist)', () => {
    const p = new Project({ name: 'p', outdir: tempRepository() });
    new PixiWorkspace(p, {});
    rmSync(join(p.outdir, 'app'), { recursive: true, force: true });
    new ApptainerDefinition(p, { imageOptions: {} });
    const error = refusal(() => p.synth());
    expect([error.construct, error.option]).toEqual(['ApptainerDefinition', 'imageOptions.sourceDir']);
  });

  test('an installInputs entry that is missing', () => {
    const p = new Project({ name: 'p', outdir: tempRepository() });
    new PixiWorkspace(p, {});
    new ApptainerDefinition(p, { imageOptions: { installInputs: ['vendor'] } });
    const error = refusal(() => p.synth());
    expect([error.construct, error.option]).toEqual(['ApptainerDefinition', 'imageOptions.installInputs']);
  });
});

describe('issue 32: accepted although invalid, now refused as pixi refuses them', () => {
  const manifest = (tail: string) => `[workspace]\nchannels = []\nplatforms = ["linux-64"]\n${tail}`;
  test.each(['GPU', '__proto__', 'gpu\\nx', 'my_env'])('adopted environment name %j (pixi: lowercase letters, digits and "-")', (name) => {
    const error = refusal(() => PixiWorkspaceSpec.parse(manifest(`[feature.f]\n[environments]\n"${name}" = ["f"]\n`), 'pixi.toml'));
    expect([error.option, error.allowed]).toEqual(['pixi.toml environments', expect.stringContaining('lowercase letters, digits and "-"')]);
  });

  test.each([['cuda = 12.1', 12.1], ['cuda = 12', 12]])('adopted %s: a number pixi does not read (TomlFromStr takes a string)', (line, value) => {
    const error = refusal(() => PixiWorkspaceSpec.parse(manifest(`[system-requirements]\n${line}\n`), 'pixi.toml'));
    expect([error.option, error.value]).toEqual(['pixi.toml system-requirements.cuda', value]);
  });
});

describe('issue 32: more values that were taken although invalid', () => {
  const long = `ghcr.io/${'a'.repeat(250)}/x`;
  test('an image name over 255 characters, as base image and as the workflow\'s image name', () => {
    expect(refusal(() => new PixiDockerImageSpec({ baseImage: `${long}:1` })).option).toBe('baseImage');
    expect(refusal(() => new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec() }], { imageName: long })).option).toBe('imageName');
  });

  test('testTasks with the test workflow off (README: every option is checked)', () => {
    const error = refusal(() => new PixiProject({ name: 'p', outdir: tempRepository(), testWorkflow: false, testTasks: ['--help'] }));
    expect(error.option).toBe('testTasks');
  });
});

describe('issue 30: found by the workflow property once the new options joined it', () => {
  test('a pre-build step with an empty env: written without it (actionlint: "env should not be empty")', async () => {
    const spec = new GhcrWorkflowSpec([{ spec: new PixiDockerImageSpec({ copySources: false }) }], { preBuildSteps: [{ run: 'make data\n', env: {} }] });
    const step = spec.toWorkflow().jobs['build-default'].steps.find((s: any) => s.run === 'make data\n');
    expect(step).toEqual({ run: 'make data\n' });
    expect(await actionlintFindings(spec.renderYaml())).toEqual([]);
  });
});
