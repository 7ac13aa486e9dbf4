import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Result } from './buildah';
import { adoptedPyproject, COMMAND_EXIT_CODE, cudaExercise, ImageUnderTest, pixiExampleShapes, subdirectoryWorkspace } from './repositories';
import { DockerRecipe, FinalImageKind } from '../../src';
import { tempOutdir } from '../helpers/project';

/*
 * Builds every example image with one container engine and runs it: the same table and checks for
 * each engine (buildah in images.e2e.ts, Docker's BuildKit in images-docker.e2e.ts).
 */

/** What the suite needs of an engine: build, run like `docker run --rm`, and look into an image. */
export interface Engine {
  /**
   * Builds with the layer cache, never pulling.
   * @param logDir what the builder's `/stub-log` holds for the stub pixi (its call log; `host-cuda`: a GPU)
   */
  build(context: string, dockerfile: string, tag: string, logDir: string, options?: string[]): { output: string; seconds: number };
  /** Writes the image's layers, configuration and history into a tar file, as `docker save` does. */
  save(tag: string, file: string): void;
  /** Runs the image's ENTRYPOINT with the arguments or its CMD, as `--user` when given. */
  run(tag: string, args?: string[], user?: string): Result;
  /** Runs a command as `apptainer exec` and pyxis do: with the image's environment, without its entrypoint. */
  exec(tag: string, args: string[]): Result;
  withRootfs<T>(tag: string, inspect: (root: string) => T): T;
  labels(tag: string): Record<string, string>;
  configuredUser(tag: string): string;
}

/** Times of the builds, by tag, for the report. */
export interface SuiteTimings {
  readonly builds: Map<string, number>;
}

/** `pixi install` runs in build outputs: the stub prints this line only when it installs (a cached layer prints nothing). */
export function installsIn(outputs: string[]): number {
  return outputs.join('\n').split('\n').filter((line) => /stub pixi [0-9.]+: installed environment/.test(line)).length;
}

/** The images the suite builds, synthesized into temp dirs. */
export function imagesUnderTest(): ImageUnderTest[] {
  return [...cudaExercise(), ...subdirectoryWorkspace(), ...adoptedPyproject(), ...pixiExampleShapes()];
}

/** Prints what the user may not read or may write under the image's own paths, then whether HOME and /tmp take a file. */
export const ACCESS_PROBE = [
  'shopt -s globstar dotglob nullglob',
  'echo "$(id -u):$(id -g) $HOME"',
  'for f in /app /app/** /opt/pixi-image /opt/pixi-image/**; do',
  '  [ -w "$f" ] && echo "writable $f"',
  '  [ -r "$f" ] || echo "unreadable $f"',
  '  if [ -d "$f" ] && [ ! -x "$f" ]; then echo "untraversable $f"; fi',
  'done',
  'touch "$HOME/probe" && echo "HOME writable"',
  'probe=$(mktemp) && echo "/tmp writable" && rm "$probe"',
].join('\n');

/** Declares the suite's tests against an engine; builds every image in `beforeAll`. */
export function imageSuite(engine: Engine, IMAGES: ImageUnderTest[] = imagesUnderTest()): SuiteTimings {
  const logs = tempOutdir();
  const logDir = (image: ImageUnderTest) => join(logs, image.tag.replace(/[^a-z0-9]+/gi, '-'));
  const outputs = new Map<string, string[]>();
  const timings: SuiteTimings = { builds: new Map() };
  const build = (image: ImageUnderTest) => {
    const built = engine.build(image.context, image.dockerfile, image.tag, logDir(image));
    outputs.set(image.tag, [...outputs.get(image.tag) ?? [], built.output]);
    timings.builds.set(image.tag, (timings.builds.get(image.tag) ?? 0) + built.seconds);
  };

  beforeAll(() => {
    for (const image of IMAGES) {
    // The stub reads this file as the builder's GPU driver, as pixi would detect one.
      if (image.gpuBuilder) {
        mkdirSync(logDir(image), { recursive: true });
        writeFileSync(join(logDir(image), 'host-cuda'), '12.9\n');
      }
      build(image);
    }
  });

  describe.each(IMAGES.map((image) => [image.tag, image] as const))('%s', (_tag, image) => {
    const prefix = `/app/.pixi/envs/${image.environment}`;

    test('without arguments, runs the image command in the activated environment and returns its exit code', () => {
      const result = engine.run(image.tag);
      expect(result.stdout).toContain(`cmd ${prefix} 1\n`);
      expect(result.status).toBe(COMMAND_EXIT_CODE);
    });

    test('arguments replace the command; PATH and CONDA_PREFIX point at the environment', () => {
      const result = engine.run(image.tag, ['bash', '-c', 'echo "$PATH"; echo "$CONDA_PREFIX"; exit 3']);
      const [path, condaPrefix] = result.stdout.split('\n');
      expect(path.startsWith(`${prefix}/bin:`)).toBe(true);
      expect(condaPrefix).toBe(prefix);
      expect(result.status).toBe(3);
    });

    test('started without its entrypoint (apptainer exec, HTCondor\'s container universe, pyxis), a command finds the environment', () => {
      const result = engine.exec(image.tag, ['bash', '-c', 'echo "$CONDA_PREFIX"; command -v python']);
      // The lesson's recipe, kept as it is, has the activation in its entrypoint alone.
      const expected = image.recipe === DockerRecipe.TUTORIAL ? '\n' : `${prefix}\n${prefix}/bin/python\n`;
      expect([result.status, result.stdout]).toEqual([image.recipe === DockerRecipe.TUTORIAL ? 1 : 0, expected]);
    });

    test('the command replaces the entrypoint shell (exec): it is PID 1, which receives `docker stop`\'s signal', () => {
    // Without exec, PID 1 would be the entrypoint script's bash, and the command its child.
      const result = engine.run(image.tag, ['bash', '-c', 'echo "$$"']);
      expect(result.status).toBe(0);
      expect(result.stdout.trim()).toBe('1');
    });

    test('the install saw the CUDA override of the workspace', () => {
      const record = engine.withRootfs(image.tag, (root) => readFileSync(join(root, prefix, 'conda-meta', 'stub-install'), 'utf8'));
      expect(record.trim()).toBe(`environment=${image.environment} cuda=${image.cuda}`);
    });

    test('the final image holds the environment, activation and sources; no junk, secrets, cache or build context', () => {
      engine.withRootfs(image.tag, (root) => {
        const app = readdirSync(join(root, 'app')).sort();
        const workspaceFiles = [...image.runtimeInputs, ...image.activationScripts].map((path) => path.split('/')[0]);
        const expected = [...new Set(['.pixi', 'src', ...workspaceFiles])];
        if (image.recipe === DockerRecipe.TUTORIAL) expected.push('entrypoint.sh');
        if (image.kind === FinalImageKind.PIXI) expected.push('pixi.lock', existsSync(join(image.context, 'pyproject.toml')) ? 'pyproject.toml' : 'pixi.toml');
        expect(app).toEqual(expected.sort());
        // The library's own files live outside the work directory, where no workspace file can be.
        const own = existsSync(join(root, 'opt', 'pixi-image')) ? readdirSync(join(root, 'opt', 'pixi-image')).sort() : [];
        expect(own).toEqual(image.recipe === DockerRecipe.OPTIMIZED ? ['activate.sh', 'entrypoint.sh'] : []);
        expect(readdirSync(join(root, 'app', '.pixi', 'envs'))).toEqual([image.environment]);
        expect(readdirSync(join(root, 'app', 'src')).sort()).toEqual(['main.py']);
        expect(existsSync(join(root, 'root', '.cache', 'rattler'))).toBe(false);
        expect(existsSync(join(root, 'usr', 'local', 'bin', 'pixi'))).toBe(image.kind === FinalImageKind.PIXI);
      });
    });
  });


  describe.each(IMAGES.map((image) => [image.tag, image] as const))('%s: the user it runs as', (_tag, image) => {
    const prefix = `/app/.pixi/envs/${image.environment}`;
    const optimized = image.recipe === DockerRecipe.OPTIMIZED;

    test(optimized ? 'is the non-root 1000:0, with HOME=/home/pixi' : 'is root, as in the lesson\'s recipe', () => {
      expect(engine.configuredUser(image.tag)).toBe(optimized ? '1000:0' : '');
      const result = engine.run(image.tag, ['bash', '-c', 'echo "$(id -u):$(id -g)"; echo "$HOME"']);
      expect(result.stdout.split('\n').slice(0, optimized ? 2 : 1)).toEqual(optimized ? ['1000:0', '/home/pixi'] : ['0:0']);
    });

    if (!optimized) return;

    test.each(['1000:0', '12345:0'])('as %s: the command runs activated; everything is readable, HOME and /tmp writable, nothing under /app', (user) => {
      const command = engine.run(image.tag, [], user);
      expect(command.stdout).toContain(`cmd ${prefix} 1\n`);
      expect(command.status).toBe(COMMAND_EXIT_CODE);
      const probe = engine.run(image.tag, ['bash', '-c', ACCESS_PROBE], user);
      expect([probe.status, probe.stdout]).toEqual([0, `${user} /home/pixi\nHOME writable\n/tmp writable\n`]);
    });

    if (image.kind !== FinalImageKind.PIXI) return;

    if (image.runtimeInputs.length === 0) {
      test('as 12345:0, pixi run works in the container and writes nothing', () => {
        const result = engine.run(image.tag, ['pixi', 'run', '-e', image.environment, 'bash', '-c', 'echo "$CONDA_PREFIX $STUB_ACTIVATED"'], '12345:0');
        expect([result.status, result.stdout]).toEqual([0, `${prefix} 1\n`]);
      });
    } else {
      test('as 12345:0, pixi run refuses, as pixi does: it reinstalls a path dependency on every run, into a prefix it may not write', () => {
        const result = engine.run(image.tag, ['pixi', 'run', '-e', image.environment, 'true'], '12345:0');
        expect(result.status).not.toBe(0);
        expect(result.stderr).toContain('.pixi-environment-fingerprint: Permission denied');
      });
    }
  });

  describe('layer cache after editing only a source file', () => {
    const gpu = IMAGES.find((i) => i.tag === 'e2e/cuda-exercise:gpu')!;
    const tutorial = IMAGES.find((i) => i.tag === 'e2e/cuda-exercise:tutorial')!;

    test('OPTIMIZED rebuilds without running pixi install; TUTORIAL runs it again', () => {
      const installs = () => [installsIn(outputs.get(gpu.tag)!), installsIn(outputs.get(tutorial.tag)!)];
      expect(installs()).toEqual([1, 1]);
      appendFileSync(gpu.sourceFile, 'print("edited")\n');
      build(gpu);
      build(tutorial);

      expect(installs()).toEqual([1, 2]);
      // And the edit did reach the image.
      expect(engine.run(gpu.tag, ['cat', '/app/src/main.py']).stdout).toContain('print("edited")');
    });
  });

  describe('an editable path dependency (the pyproject workspace installs itself)', () => {
    const image = () => IMAGES.find((i) => i.tag === 'e2e/pose-estimation:cuda')!;
    const pth = '/app/.pixi/envs/cuda/lib/python3/site-packages/_editable_pose_estimation.pth';

    test('the install found its sources, and the final image has them where the environment links to', () => {
      const linked = engine.run(image().tag, ['cat', pth]);
      expect(linked.status).toBe(0);
      expect(linked.stdout.trim()).toBe('/app');
      expect(engine.run(image().tag, ['cat', '/app/pose_estimation/__init__.py']).stdout).toContain('NAME = "pose-estimation"');
    });
  });

  describe('workspaces shaped like pixi\'s examples', () => {
    const tagged = (tag: string) => IMAGES.find((i) => i.tag === tag)!;
    const show = 'echo "$ACTIVATED_BY|$MODE|${GPU_FLAVOUR:-}|$DATA_DIR"';

    test('activation scripts run at container start, in pixi\'s order, and [activation.env] is exported after them', () => {
      const gpu = engine.run(tagged('e2e/activation:gpu').tag, ['bash', '-c', show]);
      expect(gpu.stdout).toBe('gpu-linux root |gpu|cuda|/app/data\n');
      const tutorial = engine.run(tagged('e2e/activation:tutorial').tag, ['bash', '-c', show]);
      expect(tutorial.stdout).toBe('root |unix||/app/data\n');
    });

    test('started without the entrypoint, the activation scripts run through it as the job\'s command, once however often it is started', () => {
      const tag = tagged('e2e/activation:gpu').tag;
      expect(engine.exec(tag, ['bash', '-c', show]).stdout).toBe('|||\n');
      const wrapper = '/opt/pixi-image/entrypoint.sh';
      expect(engine.exec(tag, [wrapper, 'bash', '-c', show]).stdout).toBe('gpu-linux root |gpu|cuda|/app/data\n');
      expect(engine.exec(tag, [wrapper, wrapper, 'bash', '-c', show]).stdout).toBe('gpu-linux root |gpu|cuda|/app/data\n');
    });

    test('the script the manifest names but the repository lacks is left out, as pixi leaves it out', () => {
      expect(tagged('e2e/activation:gpu').activationScripts).toEqual(['scripts/gpu-linux.sh', 'activate.sh']);
      expect(engine.run(tagged('e2e/activation:gpu').tag, ['ls', '/app/scripts']).stdout).toBe('gpu-linux.sh\n');
    });

    test('the local find-links directory reached the install', () => {
      const installed = engine.run(tagged('e2e/find-links:default').tag, ['ls', '/app/.pixi/envs/default/lib/python3/site-packages']);
      expect(installed.stdout).toContain('requests-2.31.0-py3-none-any.whl.from-find-links');
    });

    test.each(['e2e/multi-machine:cuda', 'e2e/multi-machine:cpu'])('%s: the installed platform is the one the label names', (tag) => {
      const label = engine.labels(tag)['sh.pixi.platform'];
      const installed = engine.run(tag, ['cat', '/app/.pixi/envs/default/conda-meta/stub-platform']).stdout.trim();
      expect(installed).toBe(label);
      expect(label).toBe(tag.endsWith(':cuda') ? 'cuda-linux-64' : 'linux-64');
    });
  });

  describe('the stub pixi is honest', () => {
    const inTmp = (manifest: string, commands: string) =>
      engine.run('ghcr.io/prefix-dev/pixi:0.77.0-noble', ['bash', '-c', `cd /tmp && printf '${manifest}' > pixi.toml && touch pixi.lock && mkdir -p .pixi && ${commands}`]);

    test('it drops a missing activation script with pixi\'s warning, and sources the others from the workspace root', () => {
      const result = inTmp('[workspace]\\nplatforms = ["linux-64"]\\n[activation]\\nscripts = ["here.sh", "gone.sh"]\\n',
        'touch here.sh && pixi install && pixi shell-hook --as-is');
      expect(result.stdout).toContain('. "/tmp/here.sh"');
      expect(result.stdout).not.toContain('gone.sh');
      expect(result.stderr).toContain('Could not find activation scripts: /tmp/gone.sh');
    });

    test('it installs the first linux-64 platform the machine satisfies, or the one --platform names', () => {
      const manifest = '[workspace]\\nplatforms = [{ name = "gpu", platform = "linux-64", cuda = "12" }, "linux-64"]\\n';
      const installed = 'cat .pixi/envs/default/conda-meta/stub-platform';
      expect(inTmp(manifest, `pixi install && ${installed}`).stdout).toContain('linux-64\n');
      expect(inTmp(manifest, `CONDA_OVERRIDE_CUDA=12 pixi install && ${installed}`).stdout).toContain('gpu\n');
      expect(inTmp(manifest, `pixi install --platform gpu && ${installed}`).stdout).toContain('gpu\n');
      expect(inTmp(manifest, `mkdir -p /stub-log && touch /stub-log/host-cuda && pixi install && ${installed}`).stdout).toContain('gpu\n');
      expect(inTmp(manifest, `mkdir -p /stub-log && touch /stub-log/host-cuda && pixi install --platform linux-64 && ${installed}`).stdout).toContain('linux-64\n');
    });

    test('it fails an install whose find-links directory is missing', () => {
      const result = inTmp('[workspace]\\nplatforms = ["linux-64"]\\n[workspace.pypi-options]\\nfind-links = [{ path = "wheels" }]\\n', 'pixi install');
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("'wheels'");
    });

    test('it fails an install whose path dependency has no files, as pixi does', () => {
      const script = 'cd /tmp && printf \'[workspace]\\n[pypi-dependencies]\\npkg = { path = "pkg" }\\n\' > pixi.toml && touch pixi.lock && mkdir -p .pixi && pixi install';
      const result = engine.run('ghcr.io/prefix-dev/pixi:0.77.0-noble', ['bash', '-c', script]);
      expect(result.stderr).toContain("failed to build 'pkg' from 'pkg'");
      expect(result.status).not.toBe(0);
    });

    test('it rejects --as-is when it emulates a pixi older than 0.53', () => {
      const result = engine.run('ghcr.io/prefix-dev/pixi:0.52.0-noble', ['pixi', 'shell-hook', '--as-is']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain("unexpected argument '--as-is'");
    });

    test('the Dockerfile of the 0.52 image asked for --frozen, of the 0.77 image for --as-is', () => {
      const dockerfile = (image: ImageUnderTest) => readFileSync(join(image.context, image.dockerfile), 'utf8');
      expect(dockerfile(IMAGES.find((i) => i.tag === 'e2e/pose-estimation:cuda')!)).toContain('pixi shell-hook --frozen');
      expect(dockerfile(IMAGES.find((i) => i.tag === 'e2e/analysis:prod')!)).toContain('pixi shell-hook --as-is');
    });
  });

  describe('manifests read as pixi\'s parser reads them', () => {
    test('an empty [activation.env] value is exported empty, beside the others', () => {
      const result = engine.run('e2e/empty-activation-value:headless', ['bash', '-c', 'echo "[${DISPLAY-unset}] $VIEWER_BACKEND"']);
      expect([result.status, result.stdout]).toEqual([0, '[] egl\n']);
    });

    test('a legacy [package.target.linux-64] workspace installs, with its CUDA', () => {
      const result = engine.run('e2e/legacy-package-target:default', ['bash', '-c', 'echo "$CONDA_PREFIX"']);
      expect([result.status, result.stdout]).toEqual([0, '/app/.pixi/envs/default\n']);
    });

    test('an absolute activation script the base image lacks is dropped with pixi\'s warning; the workspace\'s runs', () => {
      const image = IMAGES.find((i) => i.tag === 'e2e/absolute-activation-script:default')!;
      expect(outputs.get(image.tag)!.join('\n')).toContain('Could not find activation scripts: /etc/profile.d/site-modules.sh');
      const result = engine.run(image.tag, ['bash', '-c', 'echo "$SIM_ACTIVATED"']);
      expect([result.status, result.stdout]).toEqual([0, '1\n']);
    });
  });

  return timings;
}
