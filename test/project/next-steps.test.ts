import { Testing } from 'projen';
import { PixiProject } from '../../src';
import { nextSteps } from '../../src/project/projen-new';
import { dockerCommandFindings } from '../helpers/docker-commands';
import { tempOutdir } from '../helpers/project';

/** A PixiProject as projen new makes it, its files and the next steps it would print. */
function created(options: { environments?: string[]; cudaVersion?: string; command?: string[] } = {}) {
  const project = new PixiProject({ name: 'My_Lab', outdir: tempOutdir('app'), ...options });
  const files = Testing.synth(project);
  const steps = nextSteps(project.images.map((image) => image.spec), project.name, 'pixi.toml', true);
  return { files, steps };
}

describe('the next steps projen new prints', () => {
  test('its docker commands run as written: each Dockerfile named, a tag Docker takes, -it for the shell, --gpus for CUDA', () => {
    const { files, steps } = created({ environments: ['cpu', 'gpu'], cudaVersion: '12' });
    expect(dockerCommandFindings(steps, files)).toEqual([]);
    expect(steps).toContain('docker run --rm -it --gpus all my_lab:gpu');
    expect(steps).toContain('docker run --rm -it my_lab:cpu');
  });

  test('an image with a command of its own runs without -it', () => {
    const { files, steps } = created({ command: ['python', 'src/main.py'] });
    expect(dockerCommandFindings(steps, files)).toEqual([]);
    expect(steps).toContain('docker run --rm my_lab:default\n');
  });
});
