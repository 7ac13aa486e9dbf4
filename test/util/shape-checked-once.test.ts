import { Project, Testing } from 'projen';
import {
  ApptainerDefinition, GhcrWorkflow, PixiDockerImage, PixiDockerImageSpec, PixiTestWorkflow, PixiWorkspace, RenovateConfig,
} from '../../src';
import { APPTAINER_DEFINITION_OPTIONS } from '../../src/apptainer/apptainer-definition';
import { DEFINITION_OPTIONS } from '../../src/apptainer/apptainer-definition-spec';
import { IMAGE_OPTIONS } from '../../src/docker/option-shapes';
import { GHCR_WORKFLOW_OPTIONS } from '../../src/github/ghcr-workflow';
import { PIXI_TEST_WORKFLOW_OPTIONS, WORKFLOW_IMAGES, WORKFLOW_OPTIONS } from '../../src/github/option-shapes';
import { WORKSPACE_OPTIONS } from '../../src/pixi/option-shapes';
import { RENOVATE_OPTIONS } from '../../src/renovate/option-shapes';
import { Shape } from '../../src/util/shape';
import { tempRepository } from '../helpers/project';

/*
 * Each construct checks the shape of its options once: the component checks what the user gave, and the spec it
 * hands them to (with the project's own values filled in) takes them as checked. Counted by spying on each
 * options struct's own check, which runs once per pass over an object of that struct.
 */

const SHAPES: Record<string, Shape> = {
  IMAGE_OPTIONS,
  WORKSPACE_OPTIONS,
  APPTAINER_DEFINITION_OPTIONS,
  DEFINITION_OPTIONS,
  GHCR_WORKFLOW_OPTIONS,
  WORKFLOW_OPTIONS,
  WORKFLOW_IMAGES,
  PIXI_TEST_WORKFLOW_OPTIONS,
  RENOVATE_OPTIONS,
};

/** How often each options struct was checked while `build` ran. */
function checksDuring(build: () => void): Record<string, number> {
  const spies = Object.entries(SHAPES).map(([name, shape]) => [name, jest.spyOn(shape, 'check')] as const);
  try {
    build();
    return Object.fromEntries(spies.map(([name, spy]) => [name, spy.mock.calls.length]).filter(([, calls]) => calls !== 0));
  } finally {
    spies.forEach(([, spy]) => spy.mockRestore());
  }
}

describe('each construct shape-checks its options once per construction', () => {
  test.each<[string, (project: Project) => void, Record<string, number>]>([
    ['PixiWorkspace', (project) => new PixiWorkspace(project, { platforms: ['linux-64'] }), { WORKSPACE_OPTIONS: 1 }],
    ['PixiDockerImage', (project) => new PixiDockerImage(project, { environment: 'default' }), { IMAGE_OPTIONS: 1 }],
    ['ApptainerDefinition of its own', (project) => new ApptainerDefinition(project, { imageOptions: { environment: 'default' } }),
      // Its imageOptions are a field of its struct: checked in that pass, not again by the image's spec.
      { APPTAINER_DEFINITION_OPTIONS: 1, IMAGE_OPTIONS: 1 }],
    ['ApptainerDefinition of an image', (project) => new ApptainerDefinition(project, { image: PixiDockerImage.ofProject(project)[0] }),
      { APPTAINER_DEFINITION_OPTIONS: 1 }],
    ['PixiTestWorkflow', (project) => new PixiTestWorkflow(project, { environments: ['default'] }), { PIXI_TEST_WORKFLOW_OPTIONS: 1 }],
    ['RenovateConfig', (project) => new RenovateConfig(project, { lockFileMaintenance: true }), { RENOVATE_OPTIONS: 1 }],
    ['GhcrWorkflow with its images', (project) => new GhcrWorkflow(project, { images: PixiDockerImage.ofProject(project), qemu: false }),
      { GHCR_WORKFLOW_OPTIONS: 1 }],
  ])('%s', (name, build, expected) => {
    const project = new Project({ name: 'lab', outdir: tempRepository() });
    if (name !== 'PixiWorkspace') new PixiWorkspace(project, {});
    if (name.endsWith('of an image') || name.startsWith('GhcrWorkflow')) new PixiDockerImage(project, {});
    expect(checksDuring(() => build(project))).toEqual(expected);
  });

  test('GhcrWorkflow: at synthesis, with the images of the tree, nothing is checked again', () => {
    const project = new Project({ name: 'lab', outdir: tempRepository() });
    new PixiWorkspace(project, {});
    new PixiDockerImage(project, {});
    expect(checksDuring(() => new GhcrWorkflow(project, { attest: true }))).toEqual({ GHCR_WORKFLOW_OPTIONS: 1 });
    expect(checksDuring(() => Testing.synth(project))).toEqual({});
  });

  test('a spec built directly checks what it is given, once', () => {
    expect(checksDuring(() => new PixiDockerImageSpec({ copySources: false }))).toEqual({ IMAGE_OPTIONS: 1 });
  });

  test('the count can fail: a user\'s options object passed twice is checked twice (only objects the library built are trusted)', () => {
    const project = new Project({ name: 'lab', outdir: tempRepository() });
    new PixiWorkspace(project, {});
    const options = { copySources: false };
    expect(checksDuring(() => {
      new PixiDockerImageSpec(options);
      new PixiDockerImageSpec(options);
    })).toEqual({ IMAGE_OPTIONS: 2 });
  });
});
