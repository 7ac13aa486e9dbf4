import { DockerfileParser } from 'dockerfile-ast';
import { Testing, Project } from 'projen';
import { DockerRecipe, PixiDockerImage, PixiDockerImageOptions, PixiDockerImageSpec, PixiValidationError } from '../../src';
import { execFormOf, parseInstructions } from '../helpers/dockerfile';
import { tempRepository } from '../helpers/project';

/** Each bad value, and what the error must say: the option, the value and what is allowed. */
const BAD_INPUTS: [string, PixiDockerImageOptions, RegExp][] = [
  ['environment with capitals', { environment: 'GPU' }, /environment "GPU".*lowercase letters, digits and "-"/],
  ['environment with a space', { environment: 'gpu env' }, /environment "gpu env"/],
  ['environment with a newline', { environment: 'gpu\nRUN rm -rf /' }, /environment "gpu\\nRUN rm -rf \/"/],
  ['empty environment', { environment: '' }, /environment ""/],
  ['port 0', { ports: [0] }, /ports\[0\] 0.*1 to 65535/],
  ['port 65536', { ports: [65536] }, /ports\[0\] 65536.*1 to 65535/],
  ['fractional port', { ports: [80.5] }, /ports\[0\] 80.5; allowed: a whole number/],
  ['duplicate port', { ports: [80, 80] }, /ports\[1\] 80.*each port once/],
  ['CUDA "12.x"', { cudaVersion: '12.x' }, /cudaVersion "12.x".*"12", "12.9" or "12.9.1"/],
  ['CUDA with four parts', { cudaVersion: '12.9.1.2' }, /cudaVersion "12.9.1.2"/],
  ['CUDA with an injected instruction', { cudaVersion: '12\nRUN curl evil' }, /cudaVersion "12\\nRUN curl evil"/],
  ['absolute sourceDir', { sourceDir: '/etc' }, /sourceDir "\/etc".*relative path/],
  ['sourceDir leaving the project', { sourceDir: '../secrets' }, /sourceDir "..\/secrets"/],
  ['sourceDir with .. inside', { sourceDir: 'app/../../x' }, /sourceDir "app\/..\/..\/x"/],
  ['sourceDir "."', { sourceDir: '.' }, /sourceDir "."/],
  ['sourceDir with a space', { sourceDir: 'my app' }, /sourceDir "my app"/],
  ['sourceDir with a newline', { sourceDir: 'app\nRUN id' }, /sourceDir "app\\nRUN id"/],
  ['absolute dockerfile', { dockerfile: '/tmp/Dockerfile' }, /dockerfile "\/tmp\/Dockerfile"/],
  ['dockerfile leaving the project', { dockerfile: '../Dockerfile' }, /dockerfile "..\/Dockerfile"/],
  ['entrypointFile leaving the project', { entrypointFile: '../entrypoint.sh' }, /entrypointFile "..\/entrypoint.sh"/],
  ['entrypointFile equal to the dockerfile', { entrypointFile: 'Dockerfile' }, /entrypointFile "Dockerfile"/],
  ['entrypointFile with TUTORIAL', { recipe: DockerRecipe.TUTORIAL, entrypointFile: 'e.sh' }, /entrypointFile "e.sh".*only the OPTIMIZED recipe/],
  ['base image with a space', { baseImage: 'ghcr.io/prefix-dev/pixi:noble AS x' }, /baseImage "ghcr.io\/prefix-dev\/pixi:noble AS x".*image reference/],
  ['base image with a newline', { baseImage: 'ubuntu\nRUN id' }, /baseImage "ubuntu\\nRUN id"/],
  ['base image with a variable', { baseImage: '${BASE}' }, /baseImage "\$\{BASE\}"/],
  ['final image with whitespace', { finalImage: 'ubuntu: 24.04' }, /finalImage "ubuntu: 24.04"/],
  ['empty final image', { finalImage: '' }, /finalImage ""/],
  ['pixi version "latest"', { pixiVersion: 'latest' }, /pixiVersion "latest".*"0.77.0"/],
  ['empty command', { command: [] }, /command \[\].*non-empty array/],
  ['command with an empty program', { command: [''] }, /command \[""\]/],
  ['command argument with a newline', { command: ['python', 'a\nb'] }, /command\[1\] "a\\nb".*without newlines/],
  ['env name with a dash', { env: { 'MY-VAR': 'x' } }, /env key "MY-VAR".*environment variable name/],
  ['env name with a space and "="', { env: { 'A B=C': 'x' } }, /env key "A B=C"/],
  ['env value with a newline', { env: { A: 'x\nRUN id' } }, /env.A "x\\nRUN id".*without newlines/],
  ['env value with a carriage return', { env: { A: 'x\rRUN id' } }, /env.A "x\\rRUN id"/],
  ['label key with a quote', { labels: { 'a"b': 'x' } }, /labels key "a\\"b".*label key/],
  ['label value with a newline', { labels: { a: 'x\ny' } }, /labels.a "x\\ny"/],
  ['unknown recipe', { recipe: 'fast' as DockerRecipe }, /recipe "fast".*DockerRecipe.TUTORIAL \("tutorial"\), DockerRecipe.OPTIMIZED/],
  ['unknown manifest', { manifestFile: 'environment.yml' as any }, /manifestFile "environment.yml".*PixiManifestFile.PIXI_TOML \("pixi.toml"\), PixiManifestFile.PYPROJECT_TOML/],
];

describe('bad input throws at construction, naming option, value and what is allowed', () => {
  test.each(BAD_INPUTS)('%s', (_name, options, message) => {
    expect(() => new PixiDockerImageSpec(options)).toThrow(message);
    expect(() => new PixiDockerImageSpec(options)).toThrow(/^PixiDockerImage: invalid .*; allowed: .+\.$/s);
  });

  test('and nothing is written', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    expect(() => new PixiDockerImage(project, { environment: 'Bad Env' })).toThrow(/environment "Bad Env"/);
    const files = Testing.synth(project);
    expect(Object.keys(files).filter((f) => /Dockerfile|entrypoint/.test(f))).toEqual([]);
  });
});

describe('no value can inject an instruction', () => {
  test('quotes, dollars and backslashes stay inside their ENV, LABEL and CMD', () => {
    const tricky = 'x" RUN="1 $(id) `id` \\" \\';
    const spec = new PixiDockerImageSpec({
      env: { A: tricky, B: '${HOME}' },
      labels: { 'org.example.note': tricky },
      command: ['sh', '-c', tricky, '"]', '\\'],
    });
    const parsed = DockerfileParser.parse(spec.renderDockerfile());
    const keywords = parsed.getInstructions().map((i) => i.getKeyword());
    const envs = parsed.getInstructions().filter((i) => i.getKeyword() === 'ENV') as any[];
    const labels = parsed.getInstructions().filter((i) => i.getKeyword() === 'LABEL') as any[];

    // The install and the run-time user's HOME; nothing the values said.
    expect(keywords.filter((k) => k === 'RUN')).toHaveLength(2);
    expect(envs.flatMap((e) => e.getProperties().map((p: any) => p.getName()))).toEqual(['PIXI_FROZEN', 'PATH', 'CONDA_PREFIX', 'HOME', 'A', 'B']);
    expect(labels.flatMap((l) => l.getProperties().map((p: any) => p.getName()))).toEqual(['org.example.note']);
    expect(execFormOf(spec.renderDockerfile(), 'CMD')).toEqual(['sh', '-c', tricky, '"]', '\\']);
    // `$` is escaped, so Docker keeps the value literal instead of expanding ${HOME}.
    expect(spec.renderDockerfile()).toContain('B="\\${HOME}"');
  });

  test('a header comment cannot add lines', () => {
    expect(() => new PixiDockerImageSpec({}).renderDockerfile({ headerComment: 'x\nRUN id' })).toThrow(/headerComment "x\\nRUN id"/);
  });
});

describe('the run-time user', () => {
  const userLines = (options: PixiDockerImageOptions) => parseInstructions(new PixiDockerImageSpec(options).renderDockerfile())
    .filter((i) => i.stage === 'final' && (i.keyword === 'USER' || (i.keyword === 'COPY' && 'chown' in i.flags))).map((i) => [i.keyword, i.flags.chown, i.args].filter((part) => part !== undefined).join(' '));

  test.each<[string | undefined, string[]]>([
    [undefined, ['COPY 1000:0 /opt/pixi-home/ /home/', 'USER 1000:0']],
    ['12345:0', ['COPY 12345:0 /opt/pixi-home/ /home/', 'USER 12345:0']],
    ['1001', ['COPY 1001:0 /opt/pixi-home/ /home/', 'USER 1001']],
    ['root', []],
    ['0', []],
    ['0:0', []],
  ])('user %p', (user, lines) => {
    expect(userLines({ user })).toEqual(lines);
  });

  test.each(['ubuntu', '1000:root', '-1', '1000:', ':0', '1000:0\nRUN id', '4294967296', '0:5', ' 1000'])('refuses %p, naming the option and what is allowed', (user) => {
    expect(() => new PixiDockerImageSpec({ user })).toThrow(PixiValidationError);
    expect(() => new PixiDockerImageSpec({ user })).toThrow(/user ".*"; allowed: "UID:GID" or "UID" in numbers/s);
  });

  test('the lesson\'s recipe runs as root and refuses a user', () => {
    expect(new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL }).user).toBeUndefined();
    expect(() => new PixiDockerImageSpec({ recipe: DockerRecipe.TUTORIAL, user: '1000:0' })).toThrow(/user "1000:0"; allowed: nothing with DockerRecipe.TUTORIAL/);
  });

  test('a user that is not a string is a typed error', () => {
    expect(() => new PixiDockerImageSpec({ user: 1000 as any })).toThrow(PixiValidationError);
  });
});
