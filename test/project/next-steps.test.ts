import { writeFileSync } from 'fs';
import { join } from 'path';
import { Component, Testing } from 'projen';
import { PixiProject } from '../../src';
import { dockerCommandFindings } from '../helpers/docker-commands';
import { tempOutdir } from '../helpers/project';

const MANIFEST = '[workspace]\nname = "mine"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n\n[dependencies]\npython = "3.12.*"\n';

/** A PixiProject in a folder holding `files`, its files, and the next steps it prints when projen new is done. */
function created(options: { environments?: string[]; cudaVersion?: string; command?: string[] } = {}, files: Record<string, string> = {}) {
  const outdir = tempOutdir('app');
  for (const [path, text] of Object.entries(files)) writeFileSync(join(outdir, path), text);
  const project = new PixiProject({ name: 'My_Lab', outdir, ...options });
  const synthesized = Testing.synth(project);
  const printed: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => printed.push(text));
  try {
    project.components.filter((c: Component) => c.constructor.name === 'NextSteps').forEach((c) => c.postProjectCreation(undefined as any));
  } finally {
    log.mockRestore();
  }
  return { files: synthesized, steps: printed.join('\n') };
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

  test('pixi lock first when there is no pixi.lock; not a word of it when there is one', () => {
    const unlocked = created({}, { 'pixi.toml': MANIFEST }).steps;
    expect(unlocked).toMatch(/^ {2}1\. pixi lock$/m);
    expect(unlocked).toMatch(/^ {2}2\. Build and try the images:$/m);
    const locked = created({}, { 'pixi.toml': MANIFEST, 'pixi.lock': 'version: 6\n' }).steps;
    expect(locked).not.toMatch(/pixi lock\b/);
    expect(locked).toMatch(/^ {2}1\. Build and try the images \(each installs exactly what pixi\.lock holds\):\n {7}docker build -f Dockerfile -t my_lab:default \.$/m);
    expect(locked).toMatch(/^ {2}2\. Commit and push to GitHub/m);
  });
});
