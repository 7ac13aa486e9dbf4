import { spawnSync } from 'child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { Engine, installsIn } from './images.suite';
import { BUILD_SECRETS, BUILT_FILE, BUILT_PACKAGE, COMMAND_EXIT_CODE, GIT_DEPENDENCY_MANIFEST, gitDependencyRepository, ImageUnderTest, LAYOUT_PACKAGE, LAYOUT_SYSTEM_PACKAGES, pixiBuildRepository, privateIndexRepository, realLayouts } from './repositories';
import { tempOutdir } from '../helpers/project';

/*
 * The real-layouts repository built and run with one engine (buildah in images.e2e.ts, Docker's BuildKit in
 * images-docker.e2e.ts): each source where the layout puts it, and nothing .dockerignore keeps out.
 */
export function layoutSuite(engine: Engine): void {
  const images = realLayouts();
  const withGit = gitDependencyRepository();
  const withPackage = pixiBuildRepository();
  const withSecrets = privateIndexRepository();
  const tagged = (name: string) => images.find((image) => image.tag === `e2e/layouts:${name}`)!;
  const logs = tempOutdir();
  const outputs = new Map<string, string[]>();
  const build = (image: ImageUnderTest, options: string[] = []) => {
    const built = engine.build(image.context, image.dockerfile, image.tag, join(logs, image.tag.replace(/[^a-z0-9]+/gi, '-')), options);
    outputs.set(image.tag, [...outputs.get(image.tag) ?? [], built.output]);
  };
  beforeAll(() => {
    for (const image of [...images, withGit, withPackage]) build(image);
    const secretFiles = join(logs, 'secrets');
    mkdirSync(secretFiles, { recursive: true });
    const given = Object.entries(BUILD_SECRETS).flatMap(([id, value]) => {
      writeFileSync(join(secretFiles, id), value);
      return ['--secret', `id=${id},src=${join(secretFiles, id)}`];
    });
    build(withSecrets, given);
  });

  describe.each(images.map((image) => [image.tag, image] as const))('%s', (_tag, image) => {
    test('the package imports by its name from the work directory, in the activated environment', () => {
      const result = engine.run(image.tag, ['python', '-m', LAYOUT_PACKAGE]);
      expect([result.status, result.stdout]).toEqual([0, `python -m ${LAYOUT_PACKAGE}: ${LAYOUT_PACKAGE} from /app\n`]);
    });

    test('the default command still runs activated', () => {
      const result = engine.run(image.tag);
      expect(result.stdout).toContain('cmd /app/.pixi/envs/default 1\n');
      expect(result.status).toBe(COMMAND_EXIT_CODE);
    });
  });

  test('named sources: a package under its name, a file as a file, a directory where it was sent; nothing else', () => {
    for (const image of [tagged('named'), tagged('tutorial')]) {
      engine.withRootfs(image.tag, (root) => {
        const app = readdirSync(join(root, 'app')).sort();
        const own = image === tagged('tutorial') ? ['entrypoint.sh'] : [];
        expect(app).toEqual(['.pixi', ...own, 'main.py', LAYOUT_PACKAGE, 'pixi.lock', 'pixi.toml'].sort());
        expect(statSync(join(root, 'app', 'main.py')).isFile()).toBe(true);
        expect(readdirSync(join(root, 'app', LAYOUT_PACKAGE)).sort()).toEqual(['__init__.py', '__main__.py']);
        expect(readFileSync(join(root, 'etc', 'my_app', 'app.toml'), 'utf8')).toBe('debug = false\n');
      });
    }
  });

  test('the build commands ran activated, from /app, with the sources at their paths; what they wrote is in the final environment', () => {
    const built = engine.run(tagged('named').tag, ['cat', BUILT_FILE]);
    expect([built.status, built.stdout]).toEqual([0, `python -m ${LAYOUT_PACKAGE}: ${LAYOUT_PACKAGE} from /app\nNAME = "my_project"\ndebug = false\n`]);
    expect(engine.run(tagged('whole').tag, ['cat', BUILT_FILE]).status).not.toBe(0);
  });

  test('system packages: installed without their recommended ones, no package lists left, the image still not root', () => {
    const image = tagged('named');
    engine.withRootfs(image.tag, (root) => {
      expect(readdirSync(join(root, 'usr', 'share', 'doc')).sort()).toEqual([...LAYOUT_SYSTEM_PACKAGES].sort());
      expect(readdirSync(join(root, 'var', 'lib', 'apt', 'lists'))).toEqual([]);
    });
    expect(engine.configuredUser(image.tag)).toBe('1000:0');
    // With the lists gone, apt finds nothing until the next update, as the real one; and the image's user may not install.
    expect(engine.run(image.tag, ['apt-get', 'install', '-y', 'git'], '0:0').stderr).toContain('E: Unable to locate package git');
    expect(engine.run(image.tag, ['apt-get', 'update']).stderr).toContain('Permission denied');
    engine.withRootfs(tagged('whole').tag, (root) => expect(existsSync(join(root, 'usr', 'share', 'doc'))).toBe(false));
  });

  test('the whole context: everything at /app but what .dockerignore keeps out; the environment is the image\'s own', () => {
    engine.withRootfs(tagged('whole').tag, (root) => {
      const app = readdirSync(join(root, 'app'));
      expect(app).toEqual(expect.arrayContaining(['README.md', 'main.py', LAYOUT_PACKAGE, 'config', 'Dockerfile.whole', '.dockerignore']));
      expect(app).not.toContain('.env');
      expect(existsSync(join(root, 'app', LAYOUT_PACKAGE, '__pycache__'))).toBe(false);
      // The local .pixi stayed out: the environment is the one the build installed.
      expect(readdirSync(join(root, 'app', '.pixi', 'envs', 'default', 'conda-meta'))).not.toContain('junk.json');
      expect(existsSync(join(root, 'app', '.pixi', 'envs', 'default', 'conda-meta', 'stub-install'))).toBe(true);
    });
  });

  test('a source-only edit runs no install (OPTIMIZED), and reaches the image', () => {
    // Both OPTIMIZED images install from the manifest and the lock alone: the first installed, the other took its layer.
    expect(installsIn([tagged('named'), tagged('whole')].flatMap((image) => outputs.get(image.tag)!))).toBe(1);
    for (const name of ['named', 'whole']) {
      const image = tagged(name);
      const before = installsIn(outputs.get(image.tag)!);
      appendFileSync(image.sourceFile, '# edited\n');
      build(image);
      expect(installsIn(outputs.get(image.tag)!)).toBe(before);
      const inImage = image.sourceFile.slice(image.context.length);
      expect(engine.run(image.tag, ['cat', `/app${inImage}`]).stdout).toContain('# edited');
    }
    // The build commands ran again, on the edited source.
    expect(engine.run(tagged('named').tag, ['cat', BUILT_FILE]).stdout).toContain('NAME = "my_project"\n# edited\n');
  });

  test('a git dependency: the build stage installed git and pixi fetched it; the final image has no git', () => {
    expect(engine.run(withGit.tag, ['cat', '/app/.pixi/envs/default/conda-meta/stub-git-fetched']).stdout).toBe('flask\n');
    engine.withRootfs(withGit.tag, (root) => expect(existsSync(join(root, 'usr', 'bin', 'git'))).toBe(false));
  });

  test('the stub pixi, like pixi, cannot fetch a git dependency without git', () => {
    const script = `cd /tmp && printf '%s' '${GIT_DEPENDENCY_MANIFEST}' > pixi.toml && touch pixi.lock && mkdir -p .pixi && pixi install`;
    const result = engine.run('ghcr.io/prefix-dev/pixi:0.77.0-noble', ['bash', '-c', script]);
    expect([result.status, result.stderr]).toEqual([2, expect.stringContaining('Git executable not found. Ensure that Git is installed and available.')]);
  });

  test('a pixi-build-python package: built editable, its sources in the final image where the environment links, importable anywhere', () => {
    const pth = `/app/.pixi/envs/default/lib/python3/site-packages/_editable_${BUILT_PACKAGE}.pth`;
    expect(engine.run(withPackage.tag, ['cat', pth]).stdout).toBe(`/app/${BUILT_PACKAGE}\n`);
    const imported = engine.run(withPackage.tag, ['bash', '-c', `cd / && python -m ${BUILT_PACKAGE}`]);
    expect([imported.status, imported.stdout]).toEqual([0, `python -m ${BUILT_PACKAGE}: ${BUILT_PACKAGE} from /app/${BUILT_PACKAGE}\n`]);
  });

  test('build secrets: the install read the credentials file, the build command the token; neither is in any layer, the config or the history', () => {
    const prefix = '/app/.pixi/envs/default';
    expect(engine.run(withSecrets.tag, ['cat', `${prefix}/conda-meta/stub-auth`]).stdout).toBe(`read ${BUILD_SECRETS.RATTLER_AUTH_FILE.length} bytes of credentials\n`);
    expect(engine.run(withSecrets.tag, ['cat', `${prefix}/share/token-seen`]).stdout).toBe(`token of ${BUILD_SECRETS.LAB_INDEX_TOKEN.length} characters\n`);
    const archive = join(logs, 'private.tar');
    engine.save(withSecrets.tag, archive);
    const contents = archiveContents(archive, join(logs, 'private-unpacked'));
    // The search can find what is there: the activation the build wrote, and the command's trace.
    expect(contents.includes('token of ')).toBe(true);
    for (const value of [BUILD_SECRETS.LAB_INDEX_TOKEN, 's3cr3t-bearer-e2e-51d7a0']) expect([value, contents.includes(value)]).toEqual([value, false]);
    expect(engine.run(withSecrets.tag, ['bash', '-c', 'echo "${LAB_INDEX_TOKEN-unset} ${RATTLER_AUTH_FILE-unset}"; ls /run/secrets 2>&1 | head -1']).stdout)
      .toMatch(/^unset unset\n(ls: cannot access|$)/);
  });
}

/** Every byte of a saved image (its tar, and each layer in it, gzip or not), as one latin1 string to search. */
function archiveContents(archive: string, into: string): string {
  mkdirSync(into, { recursive: true });
  const untar = spawnSync('tar', ['-xf', archive, '-C', into], { encoding: 'utf8' });
  if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)]);
  return files(into).map((file) => {
    const bytes = readFileSync(file);
    return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('latin1');
  }).join('\n');
}
