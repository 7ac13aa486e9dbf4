import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { ApptainerDefinitionSpec, DockerIgnore, DockerRecipe, PixiDockerImage, PixiDockerImageSpec, PixiManifestFile, PixiWorkspaceSpec } from '../../src';
import { triggerPaths } from '../../src/github/workflow-images';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';
import { refusal } from '../helpers/refusal';
import { readFixture } from '../helpers/toml';

const pyproject = PixiWorkspaceSpec.parse(readFixture('pyproject', 'pyproject.toml'), 'pyproject.toml');

/** The final stage's COPY instructions from the build context (not `--from=build`). */
function contextCopies(dockerfile: string): string[] {
  return parseInstructions(dockerfile)
    .filter((i) => i.stage === 'final' && i.keyword === 'COPY' && Object.keys(i.flags).length === 0)
    .map((i) => i.args);
}

function projectWith(files: Record<string, string>, dockerignore?: string): Project {
  const outdir = mkdtempSync(join(tmpdir(), 'sources-'));
  for (const [path, text] of Object.entries({ 'pixi.toml': '[workspace]\nname = "x"\nchannels = []\nplatforms = ["linux-64"]\n', ...files })) {
    mkdirSync(join(outdir, path, '..'), { recursive: true });
    writeFileSync(join(outdir, path), text);
  }
  if (dockerignore !== undefined) writeFileSync(join(outdir, '.dockerignore'), dockerignore);
  return new Project({ name: 'x', outdir });
}

describe('sources: the code where it belongs', () => {
  test('a package keeps its name, a file lands as a file, a target may be absolute or relative to /app', () => {
    const spec = new PixiDockerImageSpec({
      sources: [{ from: 'my_project' }, { from: './main.py' }, { from: 'config/', to: '/etc/my_app' }, { from: 'data', to: 'share/data' }],
    });
    expect(spec.sources).toEqual([
      { from: 'my_project', to: '/app/my_project' },
      { from: 'main.py', to: '/app/main.py' },
      { from: 'config', to: '/etc/my_app' },
      { from: 'data', to: '/app/share/data' },
    ]);
    expect(spec.sourceDir).toBeUndefined();
    const dockerfile = spec.renderDockerfile();
    expect(contextCopies(dockerfile)).toEqual([
      'my_project /app/my_project', 'main.py /app/main.py', 'config /etc/my_app', 'data /app/share/data',
    ]);
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    expect(spec.contextPaths).toEqual(expect.arrayContaining(['my_project', 'main.py', 'config', 'data']));
  });

  test('the lesson\'s layout stays the default: app at /app/src, in both recipes', () => {
    const spec = new PixiDockerImageSpec({});
    expect(spec.sources).toEqual([{ from: 'app', to: '/app/src' }]);
    expect(spec.sourceDir).toBe('app');
    expect(contextCopies(spec.renderDockerfile())).toContain('app /app/src');
    expect(new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL }).renderDockerfile()).toContain('COPY ./app /app/src\n');
    expect(new PixiDockerImageSpec({ copySources: false }).sources).toEqual([]);
    expect(new PixiDockerImageSpec({ sources: [] }).sources).toEqual([]);
  });

  test('the whole context comes to /app, after the environment; TUTORIAL writes it as the lesson would', () => {
    const spec = new PixiDockerImageSpec({ sources: [{ from: '.' }] });
    expect(spec.sources).toEqual([{ from: '.', to: '/app' }]);
    const dockerfile = spec.renderDockerfile();
    const final = parseInstructions(dockerfile).filter((i) => i.stage === 'final');
    const copy = final.findIndex((i) => i.args === '. /app');
    expect(copy).toBeGreaterThan(final.findIndex((i) => i.args.includes('/app/.pixi/envs/default')));
    expect(spec.contextPaths).not.toContain('.');
    expect(new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL, sources: [{ from: '.' }] }).renderDockerfile()).toContain('COPY . /app\n');
  });

  test('a source edit never reaches the install: every source is copied in the final stage only', () => {
    const build = parseInstructions(new PixiDockerImageSpec({ sources: [{ from: 'my_project' }, { from: '.' }] }).renderDockerfile())
      .filter((i) => i.stage === 'build' && i.keyword === 'COPY');
    expect(build.map((i) => i.args)).toEqual(['pixi.toml pixi.lock ./']);
  });

  test.each([
    [{ sources: [{ from: '../outside' }] }, 'sources[0].from'],
    [{ sources: [{ from: '/etc' }] }, 'sources[0].from'],
    [{ sources: [{ from: 'a b' }] }, 'sources[0].from'],
    [{ sources: [{ from: 'a\nRUN id' }] }, 'sources[0].from'],
    [{ sources: [{ from: 'a', to: '../etc' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '/x/../../etc' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '/x y' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '/x\nRUN id' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '/' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '.pixi/envs' }] }, 'sources[0].to'],
    [{ sources: [{ from: '.pixi' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: '/opt/pixi-image/entrypoint.sh' }] }, 'sources[0].to'],
    [{ sources: [{ from: 'a', to: 'x' }, { from: 'b', to: '/app/x/' }] }, 'sources[1].to'],
    [{ sources: [{ from: 'a' }], sourceDir: 'app' }, 'sourceDir'],
    [{ sources: [{ from: 'a' }], copySources: false }, 'copySources'],
    [{ recipe: DockerRecipe.TUTORIAL, sources: [{ from: 'a', to: 'entrypoint.sh' }] }, 'sources[0].to'],
    [{ sources: [{ to: 'x' }] }, 'sources[0].from'],
    [{ sources: [{ from: 'a', into: 'x' }] }, 'sources[0].into'],
    [{ sources: 'app' }, 'sources'],
  ])('refused: %j names %s', (options, option) => {
    expect(refusal(() => new PixiDockerImageSpec(options as never)).option).toBe(option);
  });

  test('Apptainer copies what Docker copies, and refuses what cp -r would lay out otherwise', () => {
    const image = new PixiDockerImageSpec({ sources: [{ from: 'my_project' }, { from: 'main.py' }] });
    expect(new ApptainerDefinitionSpec(image).render()).toContain('    my_project /app/my_project\n    main.py /app/main.py\n');
    expect(refusal(() => new ApptainerDefinitionSpec(new PixiDockerImageSpec({ sources: [{ from: '.' }] }))).option).toBe('image sources[0].from');
    expect(refusal(() => new ApptainerDefinitionSpec(new PixiDockerImageSpec({ sources: [{ from: 'app', to: '.' }] }))).option).toBe('image sources[0].to');
  });

  test('the workflow rebuilds on a change of any source, file or directory; of anything for the whole context', () => {
    const paths = (spec: PixiDockerImageSpec) => triggerPaths({ spec, context: '.' } as never);
    expect(paths(new PixiDockerImageSpec({ sources: [{ from: 'main.py' }] }))).toEqual(expect.arrayContaining(['main.py', 'main.py/**']));
    expect(paths(new PixiDockerImageSpec({ sources: [{ from: '.' }] }))).toContain('**');
    expect(paths(new PixiDockerImageSpec({}))).toContain('app/**');
    expect(paths(new PixiDockerImageSpec({}))).not.toContain('app');
  });

  test('an editable path dependency kept at its own path may be a source too; moved elsewhere, it is refused', () => {
    const image = (extra: object) => new PixiDockerImageSpec({
      workspace: pyproject, environment: 'cuda', manifestFile: PixiManifestFile.PYPROJECT_TOML, installInputs: ['src', 'README.md'], ...extra,
    });
    expect(image({ sources: [{ from: 'src' }, { from: 'scripts' }] }).runtimeInputs).toEqual(['src', 'README.md']);
    expect(refusal(() => image({ sources: [{ from: 'scripts', to: 'src' }] })).message).toContain('a source kept at its own path');
    expect(refusal(() => image({ sources: [{ from: 'pkg', to: '.' }] })).message).toContain('it would overlap /app;');
    // The lesson's sourceDir may be the editable package itself: src/ at /app/src is what the link points to.
    expect(image({ sourceDir: 'src' }).runtimeInputs).toEqual(['src', 'README.md']);
    expect(refusal(() => image({})).message).toContain('set copySources: false');
  });
});

describe('sources in a project', () => {
  test('each from must exist when the files are written', () => {
    const project = projectWith({ 'main.py': '' });
    new PixiDockerImage(project, { sources: [{ from: 'main.py' }, { from: 'my_project' }] });
    expect(refusal(() => Testing.synth(project)).option).toBe('sources[1].from');
  });

  test('the whole context needs a .dockerignore keeping .pixi and .env out: the generated one does', () => {
    const project = projectWith({ 'main.py': '' });
    new PixiDockerImage(project, { sources: [{ from: '.' }] });
    new DockerIgnore(project);
    expect(Testing.synth(project).Dockerfile).toContain('COPY . /app\n');
  });

  test('a DockerIgnore that lets .pixi in is refused', () => {
    const project = projectWith({});
    new PixiDockerImage(project, { sources: [{ from: '.' }] });
    new DockerIgnore(project, { defaults: false, patterns: ['.env'] });
    const error = refusal(() => Testing.synth(project));
    expect(error.construct).toBe('DockerIgnore');
    expect(error.message).toContain('.pixi');
  });

  test('the user\'s own .dockerignore is read (and left as it is); none at all is refused', () => {
    const kept = projectWith({}, '.pixi/\n.env\n');
    new PixiDockerImage(kept, { sources: [{ from: '.' }] });
    expect(Testing.synth(kept).Dockerfile).toContain('COPY . /app\n');
    const leaky = projectWith({}, '.pixi/\n');
    new PixiDockerImage(leaky, { sources: [{ from: '.' }] });
    expect(refusal(() => Testing.synth(leaky)).message).toContain('.env');
    const none = projectWith({});
    new PixiDockerImage(none, { sources: [{ from: '.' }] });
    expect(refusal(() => Testing.synth(none)).message).toContain('new DockerIgnore(project)');
  });
});
