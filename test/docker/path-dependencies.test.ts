import { DockerRecipe, PixiDockerImageSpec, PixiWorkspaceSpec, PixiManifestFile } from '../../src';
import { renderDefinition } from '../../src/apptainer/render';
import { parseDefinition } from '../helpers/apptainer';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';
import { readFixture } from '../helpers/toml';

const pyproject = PixiWorkspaceSpec.parse(readFixture('pyproject', 'pyproject.toml'), 'pyproject.toml');

/** A pixi.toml with path dependencies in every place pixi reads them from. */
const PATH_DEPENDENCIES = `
[workspace]
channels = ["conda-forge"]
platforms = ["linux-64", "osx-arm64"]
preview = ["pixi-build"]

[dependencies]
solver = { path = "./libs/solver/" }

[pypi-dependencies]
analysis = { path = ".", editable = true }
requests = ">=2"

[pypi-options]
find-links = [{ url = "https://example.org/wheels" }, { path = "./wheels" }]

[target.linux-64.pypi-dependencies]
linux-only = { path = "linux" }

[target.osx-arm64.pypi-dependencies]
mac-only = { path = "mac" }

[target.unix.dependencies]
unix-tool = { path = "tools/unix" }

[feature.docs.pypi-dependencies]
theme = { path = "vendor", subdirectory = "theme" }

[environments]
docs = ["docs"]
`;
const manifest = PixiWorkspaceSpec.parse(PATH_DEPENDENCIES, 'pixi.toml');

describe('path dependencies of a workspace', () => {
  test('are read from dependency and pypi-dependency tables, with their targets, normalized', () => {
    expect(manifest.pathDependenciesOf('default')).toEqual([
      // A conda source of a path is built editable by pixi install; its backend unknown (no package manifest read), it counts as one.
      { name: 'solver', path: 'libs/solver', editable: true, table: 'dependencies', inputs: ['libs/solver'] },
      { name: 'analysis', path: '.', editable: true, table: 'pypi-dependencies', inputs: ['.'] },
      { name: 'find-links[1]', path: 'wheels', editable: false, table: 'pypi-options', inputs: ['wheels'] },
      { name: 'linux-only', path: 'linux', editable: false, table: 'target.linux-64.pypi-dependencies', inputs: ['linux'] },
      { name: 'unix-tool', path: 'tools/unix', editable: true, table: 'target.unix.dependencies', inputs: ['tools/unix'] },
    ]);
  });

  test('come from the features of the environment only, `path` joined with `subdirectory`', () => {
    const docs = manifest.pathDependenciesOf('docs').map((d) => `${d.table}.${d.name}=${d.path}`);
    expect(docs).toContain('feature.docs.pypi-dependencies.theme=vendor/theme');
    expect(manifest.pathDependenciesOf('default').map((d) => d.name)).not.toContain('theme');
  });

  test('are named by their pyproject.toml table', () => {
    expect(pyproject.pathDependenciesOf('cuda')).toEqual([
      { name: 'pose-estimation', path: '.', editable: true, table: 'tool.pixi.pypi-dependencies', inputs: ['.'] },
    ]);
  });

  test('are the same for a manifest written from TypeScript', () => {
    const authored = PixiWorkspaceSpec.fromOptions({
      pypiDependencies: { analysis: { path: './', editable: true } },
      features: { docs: { pypiDependencies: { theme: { path: 'vendor' } }, targets: { 'linux-64': { pypiDependencies: { x: { path: 'x/' } } } } } },
      environments: { docs: { features: ['docs'] } },
    });
    // In pixi's order: the environment's features as listed, the default feature last.
    expect(authored.pathDependenciesOf('docs')).toEqual([
      { name: 'theme', path: 'vendor', editable: false, table: 'feature.docs.pypi-dependencies', inputs: ['vendor'] },
      { name: 'x', path: 'x', editable: false, table: 'feature.docs.target.linux-64.pypi-dependencies', inputs: ['x'] },
      { name: 'analysis', path: '.', editable: true, table: 'pypi-dependencies', inputs: ['.'] },
    ]);
  });
});

describe('an image of a workspace with path dependencies', () => {
  const image = (installInputs?: string[], extra: object = {}) =>
    new PixiDockerImageSpec({ workspace: pyproject, environment: 'cuda', manifestFile: PixiManifestFile.PYPROJECT_TOML, installInputs, ...extra });

  test('is refused when no install input holds their sources: pixi install would fail to build them', () => {
    expect(() => image()).toThrow(
      'PixiDockerImage: invalid installInputs []; allowed: entries holding the files pixi install reads for "pose-estimation" ' +
      '(tool.pixi.pypi-dependencies.pose-estimation, path ".", environment "cuda"), e.g. ["src"] or the package directory, plus any other file its build reads (a readme or license file its [project] names)'
      + '; an editable "src" also needs copySources: false, as it is kept at /app/src.');
    expect(() => image(['README.md'], { copySources: false })).not.toThrow();
  });

  test('copies the inputs before the install and, for an editable dependency, into the final stage at the same path', () => {
    const spec = image(['src', 'README.md'], { copySources: false });
    expect(spec.runtimeInputs).toEqual(['src', 'README.md']);
    const dockerfile = spec.renderDockerfile();
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    const instructions = parseInstructions(dockerfile);
    const install = instructions.findIndex((i) => i.keyword === 'RUN' && i.args.includes('pixi install'));
    const copies = instructions.filter((i) => i.keyword === 'COPY');
    expect(instructions.findIndex((i) => i.keyword === 'COPY' && i.args === 'src ./src')).toBeLessThan(install);
    expect(copies.filter((i) => i.stage === 'final' && i.flags.from === 'build').map((i) => i.args)).toEqual(expect.arrayContaining([
      '/app/.pixi/envs/cuda /app/.pixi/envs/cuda', '/app/src /app/src', '/app/README.md /app/README.md',
    ]));
  });

  test('has the editable sources in the Apptainer final stage too', () => {
    const final = parseDefinition(renderDefinition(image(['src'], { copySources: false }), 'pose'))[1];
    expect(final.sections.find((s) => s.name === 'files' && s.args === 'from build')?.body).toContain('/app/src /app/src');
  });

  test('keeps a non-editable dependency out of the final stage: the environment holds it', () => {
    const nonEditable = PixiWorkspaceSpec.parse(PATH_DEPENDENCIES.replace('editable = true', 'editable = false'), 'pixi.toml');
    const spec = new PixiDockerImageSpec({ workspace: nonEditable, environment: 'docs', installInputs: ['libs', 'linux', 'tools', 'vendor', 'wheels', 'pyproject.toml'] });
    // Only the conda sources stay (pixi builds them editable); the PyPI ones are copies in the environment.
    expect(spec.runtimeInputs.sort()).toEqual(['libs', 'tools']);
    expect(spec.renderDockerfile()).not.toContain('COPY --from=build /app/vendor');
    expect(spec.renderDockerfile()).not.toContain('COPY --from=build /app/linux');
  });

  test('refuses an editable input that would overlap what the final stage holds itself', () => {
    expect(() => image(['src'])).toThrow(
      'PixiDockerImage: invalid installInputs "src"; allowed: a path the final image can hold at /app/src: ' +
      'it would overlap /app/src; set copySources: false (the workspace file is in the image already) or keep it elsewhere.');
    // The library's own files live outside the work directory: a workspace's entrypoint.sh cannot collide.
    expect(() => image(['entrypoint.sh'], { copySources: false })).not.toThrow();
  });

  test('refuses a dependency outside the build context, with either recipe', () => {
    const outside = PixiWorkspaceSpec.parse(PATH_DEPENDENCIES.replace('path = "./libs/solver/"', 'path = "../solver"'), 'pixi.toml');
    for (const recipe of [DockerRecipe.OPTIMIZED, DockerRecipe.TUTORIAL]) {
      expect(() => new PixiDockerImageSpec({ workspace: outside, recipe })).toThrow(
        'PixiDockerImage: invalid path dependency (dependencies.solver, path "../solver", environment "default") "../solver"; ' +
        'allowed: a path inside the workspace directory, the build context: a Dockerfile cannot copy files from outside it.');
    }
  });

  test('needs no inputs with the TUTORIAL recipe, which copies the whole context before the install', () => {
    expect(() => image(undefined, { recipe: DockerRecipe.TUTORIAL })).not.toThrow();
  });
});
