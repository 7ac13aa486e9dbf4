/*
 * Workspaces read exactly as pixi 0.77 reads them (github.com/prefix-dev/pixi at 2b25fc76), on
 * manifests shaped like pixi's own examples. Each describe names the pixi source it follows.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DockerRecipe, PixiDockerImageSpec, PixiWorkspaceSpec } from '../../src';
import { derivePlatformName } from '../../src/pixi/platforms';
import { selectorMatches } from '../../src/pixi/targets';
import { satisfiesVersionSpec } from '../../src/util/version-spec';
import { pixiManifestErrors, pyprojectErrors } from '../helpers/schema';
import { manifestFixture, readFixture, tomlData } from '../helpers/toml';

const fromFixture = (dir: string, file = 'pixi.toml') => PixiWorkspaceSpec.fromFile(join(manifestFixture(dir), file));

describe('the fixtures are manifests pixi accepts', () => {
  test.each(['activation', 'find-links', 'multi-machine', 'pixi-build'])('%s/pixi.toml', (dir) => {
    expect(pixiManifestErrors(tomlData(readFixture(dir, 'pixi.toml')))).toEqual([]);
  });
  test('pyproject-groups/pyproject.toml', () => {
    expect(pyprojectErrors(tomlData(readFixture('pyproject-groups', 'pyproject.toml')))).toEqual([]);
  });
});

describe('target selectors (pixi target.rs, TargetSelector::matches)', () => {
  const plain = { name: 'linux-64', subdir: 'linux-64' };
  const cuda = { name: 'cuda-linux-64', subdir: 'linux-64' };
  test.each([
    ['unix', plain, true], ['linux', plain, true], ['linux-64', plain, true], ['win', plain, false], ['osx', plain, false],
    ['linux-aarch64', plain, false], ['cuda-linux-64', plain, false], ['cuda-*', plain, false], ['*-64', plain, true],
    ['cuda-linux-64', cuda, true], ['linux-64', cuda, true], ['cuda-*', cuda, true], ['unix', cuda, true], ['macos', { name: 'osx-arm64', subdir: 'osx-arm64' }, true],
  ])('%s on %j: %s', (selector, platform, expected) => {
    expect(selectorMatches(selector, platform)).toBe(expected);
  });
});

describe('activation (pixi activation.rs get_activator; feature.rs activation_scripts/activation_env)', () => {
  const manifest = fromFixture('activation');

  test('default: the root script; a unix target\'s env wins over the feature\'s own; Windows scripts never apply', () => {
    expect(manifest.activationOf('default')).toEqual({
      scripts: ['activate.sh'],
      env: { MODE: 'unix', DATA_DIR: '$PIXI_PROJECT_ROOT/data' },
    });
  });

  test('a feature\'s linux-64 target replaces its own scripts; the environment\'s features come before the default one', () => {
    expect(manifest.activationOf('gpu')).toEqual({
      scripts: ['scripts/gpu-linux.sh', 'scripts/missing.sh', 'activate.sh'],
      env: { MODE: 'gpu', GPU_FLAVOUR: 'cuda', DATA_DIR: '$PIXI_PROJECT_ROOT/data' },
    });
  });

  test('the last-defined matching target wins, whatever its kind', () => {
    const text = (first: string, second: string) => '[workspace]\nchannels = []\nplatforms = ["linux-64"]\n' +
      `[target.${first}.activation]\nscripts = ["${first}.sh"]\n[target.${second}.activation]\nscripts = ["${second}.sh"]\n`;
    expect(PixiWorkspaceSpec.parse(text('linux-64', 'unix'), 'pixi.toml').activationOf('default').scripts).toEqual(['unix.sh']);
    expect(PixiWorkspaceSpec.parse(text('unix', 'linux-64'), 'pixi.toml').activationOf('default').scripts).toEqual(['linux-64.sh']);
  });

  test('a manifest written from TypeScript answers the same', () => {
    const authored = PixiWorkspaceSpec.fromOptions({
      platforms: ['linux-64', 'win-64'],
      activation: { scripts: ['activate.sh'], env: { MODE: 'default' } },
      targets: { 'win-64': { activation: { scripts: ['env_setup.bat'] } }, 'unix': { activation: { env: { MODE: 'unix' } } } },
    });
    expect(authored.activationOf('default')).toEqual({ scripts: ['activate.sh'], env: { MODE: 'unix' } });
  });
});

describe('activation in the image', () => {
  const manifest = fromFixture('activation');
  const context = manifestFixture('activation');

  test('OPTIMIZED: scripts are copied after the install and before the hook, and kept at their path; a missing one is left out as pixi does', () => {
    const spec = new PixiDockerImageSpec({ workspace: manifest, environment: 'gpu', contextDirectory: context, copySources: false });
    expect(spec.activationScripts).toEqual(['scripts/gpu-linux.sh', 'activate.sh']);
    expect(spec.missingActivationScripts).toEqual(['scripts/missing.sh']);
    const lines = spec.renderDockerfile().split('\n');
    const at = (prefix: string) => lines.findIndex((l) => l.startsWith(prefix));
    expect(at('    pixi install')).toBeLessThan(at('COPY activate.sh ./activate.sh'));
    expect(at('COPY scripts/gpu-linux.sh ./scripts/gpu-linux.sh')).toBeLessThan(at('RUN mkdir -p /opt/pixi-image && pixi shell-hook'));
    expect(lines).toContain('COPY --from=build /app/activate.sh /app/activate.sh');
    expect(lines).toContain('COPY --from=build /app/scripts/gpu-linux.sh /app/scripts/gpu-linux.sh');
    expect(spec.contextPaths).toEqual(expect.arrayContaining(['activate.sh', 'scripts/gpu-linux.sh']));
  });

  test('pixi\'s examples/pypi names its script activate.sh: no clash with the library\'s activation', () => {
    const spec = new PixiDockerImageSpec({ workspace: manifest, copySources: false });
    expect(PixiDockerImageSpec.ACTIVATION_PATH).toBe('/opt/pixi-image/activate.sh');
    expect(spec.renderEntrypoint()).toContain('. /opt/pixi-image/activate.sh');
    expect(spec.renderDockerfile()).toContain('> /opt/pixi-image/activate.sh');
  });

  test('TUTORIAL keeps the lesson\'s /app/entrypoint.sh and copies the scripts into the final stage', () => {
    const spec = new PixiDockerImageSpec({ workspace: manifest, recipe: DockerRecipe.TUTORIAL, copySources: false });
    expect(spec.renderDockerfile()).toContain('COPY --from=build /app/activate.sh /app/activate.sh\n');
    const clash = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[activation]\nscripts = ["entrypoint.sh"]\n', 'pixi.toml');
    expect(() => new PixiDockerImageSpec({ workspace: clash, recipe: DockerRecipe.TUTORIAL })).toThrow(
      'PixiDockerImage: invalid activation script of environment "default" "entrypoint.sh"; allowed: a path the final image can hold at /app/entrypoint.sh: ' +
      'it would overlap /app/entrypoint.sh; a path other than /app/entrypoint.sh, which the image uses itself.');
    expect(() => new PixiDockerImageSpec({ workspace: clash })).not.toThrow();
  });

  test('a script under the sources\' target is refused unless the sources are not copied', () => {
    const inSrc = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[activation]\nscripts = ["src/env.sh"]\n', 'pixi.toml');
    expect(() => new PixiDockerImageSpec({ workspace: inSrc })).toThrow(/activation script of environment "default" "src\/env.sh".*overlap \/app\/src/);
    expect(() => new PixiDockerImageSpec({ workspace: inSrc, copySources: false })).not.toThrow();
  });

  test('a script outside the build context is refused', () => {
    const outside = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[activation]\nscripts = ["../setup.sh"]\n', 'pixi.toml');
    expect(() => new PixiDockerImageSpec({ workspace: outside })).toThrow(
      'PixiDockerImage: invalid activation script of environment "default" "../setup.sh"; allowed: a path inside the workspace directory');
  });

  test('DISTROLESS: scripts need a shell and are refused; literal variables become ENV, expanding ones are refused', () => {
    const distroless = { finalImage: 'gcr.io/distroless/base-debian12', copySources: false };
    expect(() => new PixiDockerImageSpec({ workspace: manifest, ...distroless })).toThrow(/finalImageKind "distroless".*has activation scripts \(activate.sh\)/);
    const envOnly = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[activation.env]\nMODE = "prod"\nHOME_DATA = "$HOME/data"\n', 'pixi.toml');
    expect(() => new PixiDockerImageSpec({ workspace: envOnly, ...distroless })).toThrow(/HOME_DATA="\$HOME\/data".*needs a shell to expand/);
    const literal = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[activation.env]\nMODE = "prod \\"quoted\\""\n', 'pixi.toml');
    expect(new PixiDockerImageSpec({ workspace: literal, ...distroless }).renderDockerfile()).toContain('ENV MODE="prod \\"quoted\\""\n');
  });

  test('Apptainer copies the scripts into both stages', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderDefinition } = require('../../src/apptainer/render');
    const definition: string = renderDefinition(new PixiDockerImageSpec({ workspace: manifest, contextDirectory: context, environment: 'gpu', copySources: false }), 'activation');
    expect(definition).toContain('    scripts/gpu-linux.sh /app/scripts/gpu-linux.sh\n');
    expect(definition).toContain('    /app/scripts/gpu-linux.sh /app/scripts/gpu-linux.sh\n');
  });
});

describe('pyproject extras and dependency groups are features (pixi pyproject.rs into_workspace_manifest)', () => {
  test('every environment pixi init writes is accepted, default included', () => {
    const manifest = fromFixture('pyproject-groups', 'pyproject.toml');
    expect(manifest.environmentNames).toEqual(['default', 'test', 'docs-site']);
    expect(manifest.featuresOf('test')).toEqual(['default', 'test']);
    expect(manifest.featuresOf('docs-site')).toEqual(['default', 'docs_site', 'dev']);
    for (const environment of manifest.environmentNames) {
      expect(() => new PixiDockerImageSpec({ workspace: manifest, environment, installInputs: ['src'], copySources: false })).not.toThrow();
    }
  });

  test('uv sources of the workspace\'s own package are followed', () => {
    const text = readFixture('pyproject-groups', 'pyproject.toml') + '\n[tool.uv.sources]\nhelper = { path = "libs/helper" }\n';
    expect(PixiWorkspaceSpec.parse(text, 'pyproject.toml').pathDependenciesOf('default')[0].inputs).toEqual(['.', 'libs/helper']);
  });

  test('a group name is kept as written; an unknown feature still fails', () => {
    const text = readFixture('pyproject-groups', 'pyproject.toml').replace('features = ["test"]', 'features = ["tests"]');
    expect(() => PixiWorkspaceSpec.parse(text, 'pyproject.toml')).toThrow('invalid pyproject.toml tool.pixi.environments.test.features "tests"; allowed: features the manifest defines (test, viz, dev, docs_site).');
    expect(() => PixiWorkspaceSpec.parse(text.replace('"tests"', '"constructor"'), 'pyproject.toml')).toThrow(/environments.test.features "constructor"; allowed: features the manifest defines/);
  });
});

describe('pypi-options find-links at every level (pixi features_ext.rs pypi_options)', () => {
  const manifest = fromFixture('find-links');
  const links = (environment: string) => manifest.pathDependenciesOf(environment).map((d) => `${d.table}:${d.path}`);

  test('[workspace.pypi-options] applies to every environment, even one without the default feature', () => {
    expect(links('default')).toEqual(['workspace.pypi-options:links']);
    expect(links('extra')).toEqual(['feature.extra.pypi-options:vendor/wheels', 'workspace.pypi-options:links']);
    expect(links('lean')).toEqual(['environments.lean.pypi-options:inline-wheels', 'workspace.pypi-options:links']);
  });

  test('each local directory is an install input: without it the image is refused, naming it', () => {
    expect(() => new PixiDockerImageSpec({ workspace: manifest })).toThrow(/installInputs \[\]; allowed: entries holding the files pixi install reads for "find-links\[0\]" \(workspace.pypi-options/);
    expect(new PixiDockerImageSpec({ workspace: manifest, installInputs: ['links'] }).renderDockerfile()).toContain('COPY links ./links\n');
  });

  test('an environment table\'s own path dependency is read (inline feature content)', () => {
    const text = '[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[environments]\ntools = { features = [], pypi-dependencies = { kit = { path = "tools/kit", editable = true } } }\n';
    expect(PixiWorkspaceSpec.parse(text, 'pixi.toml').pathDependenciesOf('tools')).toEqual([
      { name: 'kit', path: 'tools/kit', editable: true, table: 'environments.tools.pypi-dependencies', inputs: ['tools/kit'] },
    ]);
  });
});

describe('rich platforms (pixi platform.rs synthesize_name_string; environment.rs best_declared_platform)', () => {
  const manifest = fromFixture('multi-machine');

  test.each([
    [{ platform: 'linux-64', cuda: '12' }, 'linux-64-cuda-12'],
    [{ platform: 'linux-64', cuda: '12.0' }, 'linux-64-cuda-12-0'],
    [{ platform: 'linux-64', archspec: 'x86-64-v3' }, 'linux-64-archspec-x86-64-v3'],
    [{ platform: 'linux-64', cuda: { driver: '12.0', arch: '8.6' } }, 'linux-64-cuda-12-0-cuda-arch-8-6'],
    [{ platform: 'osx-arm64', macos: '13.5' }, 'osx-arm64-macos-13-5'],
  ])('an unnamed %j is named %s', (entry, name) => {
    expect(derivePlatformName(entry.platform, entry)).toBe(name);
  });

  test('features refer to a derived name and find it, with its CUDA version', () => {
    expect(manifest.platformsOf('new-cuda')).toEqual(['linux-64-cuda-12-4']);
    expect(manifest.cudaVersionFor('new-cuda')).toBe('12.4');
    expect(manifest.platformsOf('mac')).toEqual(['osx-arm64-macos-13-5']);
  });

  test('an environment with a CUDA variant and a plain linux-64 installs an explicit choice, recorded in a label', () => {
    expect(manifest.imagePlatformsOf('default')).toEqual(['cuda-linux-64', 'linux-64', 'linux-64-cuda-12-4']);
    const byDefault = new PixiDockerImageSpec({ workspace: manifest, copySources: false });
    expect([byDefault.platform, byDefault.namesPlatform, byDefault.cudaVersion]).toEqual(['cuda-linux-64', true, '12']);
    expect(byDefault.labels).toEqual({ 'sh.pixi.platform': 'cuda-linux-64' });
    expect(byDefault.renderDockerfile()).toContain('pixi install --locked --environment default --platform cuda-linux-64 && \\\n');

    const cpu = new PixiDockerImageSpec({ workspace: manifest, platform: 'linux-64', copySources: false });
    expect(cpu.cudaVersion).toBeUndefined();
    const dockerfile = cpu.renderDockerfile();
    expect(dockerfile).toContain('--platform linux-64 && \\\n');
    expect(dockerfile).not.toContain('CONDA_OVERRIDE_CUDA');
    expect(dockerfile).toContain('LABEL sh.pixi.platform="linux-64"\n');
  });

  test('a platform name that could break out of the RUN line is refused, as pixi refuses it', () => {
    const text = readFixture('multi-machine', 'pixi.toml').replace('name = "cuda-linux-64"', 'name = "cuda && curl evil"');
    // pixi's schema refuses it when the manifest is read, naming the key path.
    expect(() => PixiWorkspaceSpec.parse(text, 'pixi.toml')).toThrow(
      'PixiWorkspace: invalid pixi.toml workspace.platforms[0].name "cuda && curl evil"; allowed: what pixi\'s manifest schema allows there: must match pattern');
  });

  test('a contextDirectory that is not a path is refused (JavaScript callers)', () => {
    expect(() => new PixiDockerImageSpec({ contextDirectory: 42 as any })).toThrow('PixiDockerImage: invalid contextDirectory 42; allowed: a string.');
  });

  test('a single linux-64 platform needs no flag and no label', () => {
    const spec = new PixiDockerImageSpec({ workspace: manifest, environment: 'new-cuda', copySources: false });
    expect([spec.platform, spec.namesPlatform, spec.cudaVersion, spec.labels]).toEqual(['linux-64-cuda-12-4', false, '12.4', {}]);
    expect(spec.renderDockerfile()).not.toContain('--platform');
  });

  test('a platform the environment lacks, a platform without a workspace, and an old pixi are refused', () => {
    expect(() => new PixiDockerImageSpec({ workspace: manifest, platform: 'linux-aarch64' })).toThrow(
      'PixiDockerImage: invalid platform "linux-aarch64"; allowed: a linux-64 platform of environment "default": cuda-linux-64, linux-64, linux-64-cuda-12-4.');
    expect(() => new PixiDockerImageSpec({ platform: 'linux-64' })).toThrow(/invalid platform "linux-64"; allowed: a platform of the workspace, which needs the "workspace" option/);
    expect(() => new PixiDockerImageSpec({ workspace: manifest, baseImage: 'ghcr.io/prefix-dev/pixi:0.70.0-noble' })).toThrow(/with pixi 0.71.0 or newer.*it has pixi 0.70.0/);
  });
});

describe('platforms an environment cannot install on linux-64 (pixi UnsupportedPlatformError)', () => {
  test('platforms = [] is refused with the reason', () => {
    const empty = PixiWorkspaceSpec.parse('[workspace]\nchannels = []\nplatforms = []\n', 'pixi.toml');
    expect(() => new PixiDockerImageSpec({ workspace: empty })).toThrow(/invalid environment "default".*no platform at all: the workspace's platforms are empty/);
  });

  test('features whose platforms have none in common are refused with the reason', () => {
    const text = '[workspace]\nchannels = []\nplatforms = ["linux-64", "osx-arm64"]\n[feature.a]\nplatforms = ["linux-64"]\n[feature.b]\nplatforms = ["osx-arm64"]\n[environments]\nab = ["a", "b"]\n';
    expect(() => new PixiDockerImageSpec({ workspace: PixiWorkspaceSpec.parse(text, 'pixi.toml'), environment: 'ab' })).toThrow(/features' platforms have none in common/);
  });

  test('a subdir a feature lists joins a workspace of plain platforms (pixi manifest.rs extend_originals_with_referenced_subdirs)', () => {
    const text = '[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[feature.mac]\nplatforms = ["osx-arm64"]\n[environments]\nmac = ["mac"]\n';
    expect(PixiWorkspaceSpec.parse(text, 'pixi.toml').platformsOf('mac')).toEqual(['osx-arm64']);
  });
});

describe('conda sources of a path are built editable by pixi install (BuildProfile::Development), where the backend honours it', () => {
  test('pixi-build-python: editable, so the image keeps its sources; pixi-build-cmake: a copy in the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'editable-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    const pkg = (name: string, backend: string) => `[package]\nname = "${name}"\nversion = "0.1.0"\n\n[package.build]\nbackend = { name = "${backend}", version = "*" }\n`;
    write('pixi.toml', '[workspace]\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\npreview = ["pixi-build"]\n\n[dependencies]\npy = { path = "py" }\ncm = { path = "cm" }\n');
    write('py/pixi.toml', pkg('py', 'pixi-build-python'));
    write('cm/pixi.toml', pkg('cm', 'pixi-build-cmake'));
    const workspace = PixiWorkspaceSpec.fromFile(join(dir, 'pixi.toml'));
    expect(workspace.pathDependenciesOf('default').map((d) => [d.name, d.editable])).toEqual([['py', true], ['cm', false]]);
    expect(new PixiDockerImageSpec({ workspace, installInputs: ['py', 'cm'], copySources: false }).runtimeInputs).toEqual(['py']);
  });
});

describe('path dependencies of packages (pixi build discovery; [package.build] source)', () => {
  test('the chain is followed through member manifests and uv sources, relative to each package', () => {
    expect(fromFixture('pixi-build').pathDependenciesOf('default')).toEqual([
      // pixi-build-python builds it editable, as pixi install asks of a path source.
      { name: 'app', path: '.', editable: true, table: 'dependencies', inputs: ['project', 'packages/core', 'shared', 'vendor/helper'] },
    ]);
  });

  test('the sources a package builds from must be install inputs: src does not cover project/', () => {
    const manifest = fromFixture('pixi-build');
    expect(() => new PixiDockerImageSpec({ workspace: manifest, installInputs: ['src'] })).toThrow(
      /entries holding the files pixi install reads for "app" \(dependencies.app, path ".", environment "default", which builds from "project"\)/);
    expect(() => new PixiDockerImageSpec({ workspace: manifest, installInputs: ['project', 'packages', 'shared'], copySources: false }))
      .toThrow(/which builds from "vendor\/helper"/);
    expect(() => new PixiDockerImageSpec({ workspace: manifest, installInputs: ['project', 'packages', 'shared', 'vendor'], copySources: false })).not.toThrow();
  });

  test('a package that builds from git needs no local files but its manifest (pixi\'s examples/pixi-build/cpp-git-source)', () => {
    const text = readFixture('pixi-build', 'pixi.toml').replace('source = { path = "project" }', 'source = { git = "https://github.com/example/sdl.git", rev = "abc123" }')
      .replace(/\[package.host-dependencies\][^[]*/, '');
    const manifest = PixiWorkspaceSpec.parse(text, 'pixi.toml');
    expect(manifest.pathDependenciesOf('default')[0].inputs).toEqual([]);
    expect(() => new PixiDockerImageSpec({ workspace: manifest, copySources: false })).not.toThrow();
  });

  test('a chain that leaves the build context is refused, naming the link', () => {
    const text = readFixture('pixi-build', 'pixi.toml').replace('source = { path = "project" }', 'source = { path = "../elsewhere" }');
    expect(() => new PixiDockerImageSpec({ workspace: PixiWorkspaceSpec.parse(text, 'pixi.toml'), installInputs: ['src'] })).toThrow(
      /invalid path dependency \(dependencies.app, path ".", environment "default", which builds from "..\/elsewhere"\) "..\/elsewhere"/);
  });
});

describe('requires-pixi (pixi discovery.rs check_requires_pixi_early)', () => {
  const manifest = (spec: string) => PixiWorkspaceSpec.parse(`[workspace]\nchannels = []\nplatforms = ["linux-64"]\nrequires-pixi = "${spec}"\n`, 'pixi.toml');

  test.each([
    ['0.77.0', '>=0.40', true], ['0.77.0', '>=0.80', false], ['0.77.0', '>=0.40,<1', true], ['0.77.0', '>=0.40,<0.77', false],
    ['0.77.0', '0.77.*', true], ['0.77.0', '==0.77.0', true], ['0.77.0', '<0.50|>=0.77', true], ['0.77.0', '~=0.77.0', true], ['0.78.0', '~=0.77.0', false],
  ])('pixi %s against %s: %s', (version, spec, expected) => {
    expect(satisfiesVersionSpec(version, spec)).toBe(expected);
  });

  test('a base image whose pixi is too old is refused, naming both versions', () => {
    expect(() => new PixiDockerImageSpec({ workspace: manifest('>=0.80'), baseImage: 'ghcr.io/prefix-dev/pixi:0.77.0-noble' })).toThrow(
      'PixiDockerImage: invalid baseImage (pixi 0.77.0) "0.77.0"; allowed: a pixi version that satisfies the workspace\'s requires-pixi ">=0.80": the base image has pixi 0.77.0.');
    expect(() => new PixiDockerImageSpec({ workspace: manifest('>=0.80'), pixiVersion: '0.77.0' })).toThrow(/invalid pixiVersion \(pixi 0.77.0\)/);
    expect(() => new PixiDockerImageSpec({ workspace: manifest('>=0.40'), baseImage: 'ghcr.io/prefix-dev/pixi:0.77.0-noble' })).not.toThrow();
    // An unversioned tag is the newest pixi.
    expect(() => new PixiDockerImageSpec({ workspace: manifest('>=0.80') })).not.toThrow();
  });
});
