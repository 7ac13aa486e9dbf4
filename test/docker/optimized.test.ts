import { DockerfileParser } from 'dockerfile-ast';
import { DockerRecipe, FinalImageKind, PixiDockerImageOptions, PixiDockerImageSpec, PixiManifestFile } from '../../src';
import {
  directives,
  execFormOf,
  dockerfileDiagnostics,
  parseInstructions,
  runScripts,
  sourceCopiesBeforeInstall,
  stageNames,
} from '../helpers/dockerfile';
import { shellcheck } from '../helpers/shellcheck';

const GPU: PixiDockerImageOptions = { environment: 'gpu', cudaVersion: '12', ports: [8000], command: ['python', 'src/main.py'] };

/** Every final-image kind and manifest the recipe supports. */
const VARIANTS: Record<string, PixiDockerImageOptions> = {
  'pixi final image': GPU,
  'ubuntu final image': { ...GPU, finalImage: 'ubuntu:24.04' },
  'distroless final image': { ...GPU, finalImage: 'gcr.io/distroless/base-debian12' },
  'pyproject manifest': { ...GPU, manifestFile: PixiManifestFile.PYPROJECT_TOML },
  'no sources, no ports, no command': { copySources: false },
  'pinned pixi with digest': { baseImage: `ghcr.io/prefix-dev/pixi:0.77.0-noble@sha256:${'a'.repeat(64)}` },
  'install inputs of an editable path dependency': { manifestFile: PixiManifestFile.PYPROJECT_TOML, installInputs: ['README.md', 'src/my_package'] },
};

describe.each(Object.entries(VARIANTS))('DockerRecipe.OPTIMIZED, %s', (_name, options) => {
  const spec = new PixiDockerImageSpec(options);
  const text = spec.renderDockerfile({ headerComment: 'marker' });
  const instructions = parseInstructions(text);

  test('pulls nothing but its base and final images: no syntax directive, no frontend image', () => {
    expect(directives(text)).toEqual({});
    expect(text).not.toMatch(/^#\s*syntax\s*=/im);
    const pulled = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(' ')[0]);
    expect(pulled).toEqual([spec.baseImage, spec.finalImage]);
  });

  test('runs as the non-root 1000:0 with a HOME of its own that group 0 may write, after everything is in place', () => {
    const final = instructions.filter((i) => i.stage === 'final');
    expect(final.filter((i) => i.keyword === 'USER').map((i) => i.args)).toEqual(['1000:0']);
    // Made 0775 in the build stage and copied as an entry of its folder, which keeps the mode (a directory COPY creates gets 0755).
    const made = instructions.find((i) => i.keyword === 'RUN' && i.args === 'mkdir -p /opt/pixi-home && mkdir -m 0775 /opt/pixi-home/pixi')!;
    expect(made.stage).toBe('build');
    const home = final.find((i) => i.keyword === 'COPY' && i.args === '/opt/pixi-home/ /home/')!;
    expect(home.flags).toEqual({ from: 'build', chown: '1000:0' });
    expect(final.some((i) => i.keyword === 'ENV' && i.args === 'HOME=/home/pixi')).toBe(true);
    // Everything else the final stage copies stays root's: no other --chown.
    expect(final.filter((i) => i.keyword === 'COPY' && 'chown' in i.flags)).toEqual([home]);
    // After every COPY from the build stage, before the sources: a source edit rebuilds no user layer.
    const userAt = final.findIndex((i) => i.keyword === 'USER');
    expect(final.slice(userAt).some((i) => i.keyword === 'COPY' && 'from' in i.flags)).toBe(false);
    const sourcesAt = final.findIndex((i) => i.keyword === 'COPY' && i.args.endsWith(' /app/src'));
    if (sourcesAt >= 0) expect(userAt).toBeLessThan(sourcesAt);
  });

  test('has a build and a final stage and no dockerfile-utils diagnostics', () => {
    expect(stageNames(text)).toEqual(['build', 'final']);
    expect(dockerfileDiagnostics(text)).toEqual([]);
  });

  test('copies nothing but the manifest, the lock and the install inputs before pixi install', () => {
    expect(sourceCopiesBeforeInstall(text, [spec.manifestFile, 'pixi.lock', ...spec.installInputs])).toEqual([]);
    const firstCopy = instructions.find((i) => i.keyword === 'COPY')!;
    expect(firstCopy.args).toBe(`${spec.manifestFile} pixi.lock ./`);
  });

  test('installs the locked environment with a cache mount for the package cache', () => {
    const install = instructions.find((i) => i.keyword === 'RUN' && i.args.includes('pixi install'))!;
    expect(install.stage).toBe('build');
    expect(install.flags.mount).toBe('type=cache,target=/root/.cache/rattler/cache');
    expect(install.args).toContain(`pixi install --locked --environment ${spec.environment}`);
    expect(install.args).toContain(`test -d /app/.pixi/envs/${spec.environment}/conda-meta`);
  });

  test('copies sources only into the final stage, after the install', () => {
    const sourceCopies = instructions.filter((i) => i.keyword === 'COPY' && i.args.endsWith(' /app/src'));
    if (spec.sourceDir) {
      expect(sourceCopies.map((i) => [i.stage, i.args])).toEqual([['final', `${spec.sourceDir} /app/src`]]);
    } else {
      expect(sourceCopies).toEqual([]);
    }
    expect(instructions.some((i) => i.keyword === 'COPY' && /^\.\/? /.test(i.args))).toBe(false);
  });

  test('the final stage holds only the environment, activation, manifest files, entrypoint and sources', () => {
    const final = instructions.filter((i) => i.stage === 'final' && i.keyword === 'COPY');
    const fromBuild = final.filter((i) => i.flags.from === 'build').flatMap((i) => i.args.split(' ').slice(0, -1));
    const fromContext = final.filter((i) => !('from' in i.flags)).flatMap((i) => i.args.split(' ').slice(0, -1));
    const allowedFromBuild = [`/app/.pixi/envs/${spec.environment}`, '/opt/pixi-home/'];
    if (spec.finalImageKind !== FinalImageKind.DISTROLESS) allowedFromBuild.push('/opt/pixi-image/activate.sh');
    if (spec.finalImageKind === FinalImageKind.PIXI) {
      allowedFromBuild.push(`/app/${spec.manifestFile}`, '/app/pixi.lock', '/app/.pixi/.gitignore', '/app/.pixi/.condapackageignore');
    }

    expect(fromBuild.sort()).toEqual(allowedFromBuild.sort());
    expect(fromContext.sort()).toEqual([spec.entrypointFile, spec.sourceDir].filter((p) => p !== undefined).sort());
    expect(fromBuild.some((p) => p.includes('.cache'))).toBe(false);
  });

  test('its RUN scripts are shellcheck-clean', () => {
    for (const script of runScripts(text)) expect(shellcheck(script, 'sh')).toEqual([]);
  });

  test('sets CONDA_OVERRIDE_CUDA only in the build stage', () => {
    const cuda = instructions.filter((i) => i.keyword === 'ENV' && i.args.startsWith('CONDA_OVERRIDE_CUDA='));
    expect(cuda.map((i) => [i.stage, i.args])).toEqual(spec.cudaVersion ? [['build', `CONDA_OVERRIDE_CUDA=${spec.cudaVersion}`]] : []);
  });
});

describe('DockerRecipe.OPTIMIZED activation', () => {
  const shellHook = (options: PixiDockerImageOptions) =>
    parseInstructions(new PixiDockerImageSpec(options).renderDockerfile()).find((i) => i.args.includes('pixi shell-hook'))?.args;

  test('writes the activation with pixi shell-hook, without re-solving or touching the lock', () => {
    expect(shellHook({ environment: 'gpu' })).toContain('pixi shell-hook --frozen --environment gpu --shell bash > /opt/pixi-image/activate.sh');
  });

  test('uses --as-is where the pinned pixi is 0.53 or newer', () => {
    expect(shellHook({ baseImage: 'ghcr.io/prefix-dev/pixi:0.77.0-noble' })).toContain('--as-is');
    expect(shellHook({ baseImage: 'ghcr.io/prefix-dev/pixi:0.53.0' })).toContain('--as-is');
    expect(shellHook({ baseImage: 'ghcr.io/prefix-dev/pixi:0.52.1-jammy' })).toContain('--frozen');
    expect(shellHook({ baseImage: 'registry.example.org/tools/pixi:1.2.3', pixiVersion: '0.60.0' })).toContain('--as-is');
    expect(shellHook({ baseImage: 'registry.example.org/tools/pixi:1.2.3' })).toContain('--frozen');
  });

  test('keeps pixi usable but frozen when the final image has pixi', () => {
    const text = new PixiDockerImageSpec({}).renderDockerfile();
    expect(parseInstructions(text).filter((i) => i.args === 'PIXI_FROZEN=true').map((i) => i.stage)).toEqual(['final']);
    expect(new PixiDockerImageSpec({ finalImage: 'ubuntu:24.04' }).renderDockerfile()).not.toContain('PIXI_FROZEN');
  });

  test('runs the entrypoint script when the final image has a shell', () => {
    const text = new PixiDockerImageSpec({ finalImage: 'ubuntu:24.04', command: ['python'] }).renderDockerfile();
    expect(execFormOf(text, 'ENTRYPOINT')).toEqual(['/opt/pixi-image/entrypoint.sh']);
    expect(execFormOf(text, 'CMD')).toEqual(['python']);
  });

  test('sets PATH and CONDA_PREFIX and runs the command directly in a distroless image', () => {
    const spec = new PixiDockerImageSpec({ environment: 'prod', finalImage: 'gcr.io/distroless/base-debian12', command: ['python', '-m', 'app'] });
    const parsed = DockerfileParser.parse(spec.renderDockerfile());
    const env = parsed.getInstructions().filter((i) => i.getKeyword() === 'ENV' && i.getTextContent().includes('CONDA_PREFIX')).pop() as any;

    expect(spec.finalImageKind).toBe(FinalImageKind.DISTROLESS);
    expect(spec.entrypointFile).toBeUndefined();
    expect(spec.renderEntrypoint()).toBeUndefined();
    expect(env.getProperties().map((p: any) => [p.getName(), p.getValue()])).toEqual([
      ['PATH', '/app/.pixi/envs/prod/bin:${PATH}'],
      ['CONDA_PREFIX', '/app/.pixi/envs/prod'],
    ]);
    expect(execFormOf(spec.renderDockerfile(), 'ENTRYPOINT')).toEqual([]);
    expect(execFormOf(spec.renderDockerfile(), 'CMD')).toEqual(['python', '-m', 'app']);
  });
});

describe('final image kind', () => {
  test.each([
    [undefined, FinalImageKind.PIXI],
    ['ghcr.io/prefix-dev/pixi:0.77.0-noble', FinalImageKind.PIXI],
    ['ubuntu:24.04', FinalImageKind.BASH],
    ['nvidia/cuda:12.9.1-base-ubuntu24.04', FinalImageKind.BASH],
    ['gcr.io/distroless/base-debian12', FinalImageKind.DISTROLESS],
  ])('final image %s is %s', (finalImage, kind) => {
    expect(new PixiDockerImageSpec({ finalImage }).finalImageKind).toBe(kind);
  });

  test('an explicit kind wins', () => {
    expect(new PixiDockerImageSpec({ finalImage: 'my/runtime:1', finalImageKind: FinalImageKind.PIXI }).finalImageKind).toBe(FinalImageKind.PIXI);
  });
});

describe('install inputs', () => {
  const spec = new PixiDockerImageSpec({ manifestFile: PixiManifestFile.PYPROJECT_TOML, installInputs: ['README.md', './src/my_package/'] });

  test('are copied at their relative path before the install, after the manifest', () => {
    const copies = parseInstructions(spec.renderDockerfile()).filter((i) => i.stage === 'build' && i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toEqual(['pyproject.toml pixi.lock ./', 'README.md ./README.md', 'src/my_package ./src/my_package']);
    expect(spec.contextPaths).toEqual(expect.arrayContaining(['README.md', 'src/my_package']));
  });

  test('are refused with TUTORIAL and outside the project', () => {
    expect(() => new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL, installInputs: ['README.md'] })).toThrow(/invalid installInputs .*TUTORIAL/);
    expect(() => new PixiDockerImageSpec({ installInputs: ['../secrets'] })).toThrow(/invalid installInputs\[0\] "..\/secrets"/);
  });
});
