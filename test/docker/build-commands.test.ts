import { spawnSync } from 'child_process';
import { ApptainerDefinitionSpec, DockerRecipe, PixiDockerImageSpec } from '../../src';
import { parseDefinition } from '../helpers/apptainer';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';
import { refusal } from '../helpers/refusal';
import { shellcheck } from '../helpers/shellcheck';

const ACTIVATE = '. /opt/pixi-image/activate.sh && ';

/** The build stage's RUN instructions in exec form, decoded as Docker decodes them. */
function execRuns(dockerfile: string): string[][] {
  return parseInstructions(dockerfile).filter((i) => i.stage === 'build' && i.keyword === 'RUN' && i.args.startsWith('['))
    .map((i) => JSON.parse(i.args));
}

describe('buildCommands: steps after the install, in the activated environment, with the sources present', () => {
  const spec = new PixiDockerImageSpec({
    sources: [{ from: 'my_project' }, { from: 'config', to: '/etc/my_app' }],
    buildCommands: ['pip install --no-deps --no-build-isolation .', 'python -m my_project --self-test > "$CONDA_PREFIX/self-test.txt"'],
  });
  const dockerfile = spec.renderDockerfile();
  const build = parseInstructions(dockerfile).filter((i) => i.stage === 'build');

  test('each a RUN of bash, after the activation, in order; the Dockerfile is clean', () => {
    expect(execRuns(dockerfile)).toEqual(spec.buildCommands.map((command) => ['/bin/bash', '-c', `${ACTIVATE}${command}`]));
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
  });

  test('after the install and with the sources at their image paths: a source edit re-runs them, never the install', () => {
    const install = build.findIndex((i) => i.args.includes('pixi install'));
    const copies = build.flatMap((i, at) => (i.keyword === 'COPY' && at > install ? [i.args] : []));
    expect(copies).toEqual(['my_project /app/my_project', 'config /etc/my_app']);
    const firstCommand = build.findIndex((i) => i.args.startsWith('['));
    expect(build.findIndex((i) => i.args === 'my_project /app/my_project')).toBeLessThan(firstCommand);
    expect(build.slice(0, install).filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual(['pixi.toml pixi.lock ./']);
  });

  test('the environment they changed is what the final stage copies', () => {
    const finalCopy = parseInstructions(dockerfile).find((i) => i.stage === 'final' && i.args === '/app/.pixi/envs/default /app/.pixi/envs/default');
    expect(finalCopy?.flags.from).toBe('build');
  });

  test('bash reads each command as written: quotes, $ and backslashes are the shell\'s, not the Dockerfile\'s', () => {
    const tricky = 'printf "%s|" "$0" \'$HOME\' a\\ b "]" && echo \'"]; RUN id\'';
    const [[, , script]] = execRuns(new PixiDockerImageSpec({ buildCommands: [tricky] }).renderDockerfile());
    const ran = spawnSync('bash', ['-c', script.replace(ACTIVATE, '')], { encoding: 'utf8', env: { HOME: '/h', PATH: process.env.PATH } });
    expect(ran.stdout).toBe('bash|$HOME|a b|]|"]; RUN id\n');
    expect(parseInstructions(new PixiDockerImageSpec({ buildCommands: [tricky] }).renderDockerfile()).filter((i) => i.keyword === 'RUN')).toHaveLength(3);
  });

  test('a DISTROLESS image still runs them activated: the build stage writes the activation, the final stage does not copy it', () => {
    const distroless = new PixiDockerImageSpec({ finalImage: 'gcr.io/distroless/base-debian12', buildCommands: ['true'] }).renderDockerfile();
    expect(distroless).toContain('pixi shell-hook');
    expect(execRuns(distroless)).toEqual([['/bin/bash', '-c', `${ACTIVATE}true`]]);
    expect(parseInstructions(distroless).filter((i) => i.stage === 'final' && i.args.includes('activate.sh'))).toEqual([]);
  });

  test('Apptainer runs the same commands after the install, with the sources in the build stage; %post stays clean for shellcheck', () => {
    const [buildStage, final] = parseDefinition(new ApptainerDefinitionSpec(spec).render());
    const post = buildStage.sections.find((s) => s.name === 'post')!.body;
    expect(post).toContain('bash -c ". /opt/pixi-image/activate.sh && pip install --no-deps --no-build-isolation ."\n');
    expect(post).toContain('bash -c ". /opt/pixi-image/activate.sh && python -m my_project --self-test > \\"\\$CONDA_PREFIX/self-test.txt\\""');
    expect(shellcheck(post, 'sh')).toEqual([]);
    expect(buildStage.sections.find((s) => s.name === 'files')!.body).toContain('my_project /app/my_project\nconfig /etc/my_app');
    expect(final.sections.find((s) => s.name === 'files' && s.args === '')!.body).toContain('my_project /app/my_project');
  });

  test('none by default: the Dockerfile has no exec-form RUN, the definition no bash -c', () => {
    expect(execRuns(new PixiDockerImageSpec({}).renderDockerfile())).toEqual([]);
    expect(new ApptainerDefinitionSpec(new PixiDockerImageSpec({})).render()).not.toContain('bash -c');
  });

  test.each([
    [{ buildCommands: ['a\nRUN id'] }, 'buildCommands[0]'],
    [{ buildCommands: ['ok', '   '] }, 'buildCommands[1]'],
    [{ buildCommands: [''] }, 'buildCommands[0]'],
    [{ buildCommands: ['a\u2028b'] }, 'buildCommands[0]'],
    [{ buildCommands: [7] }, 'buildCommands[0]'],
    [{ buildCommands: 'make' }, 'buildCommands'],
    [{ buildCommands: ['make'], recipe: DockerRecipe.TUTORIAL }, 'buildCommands'],
  ])('refused: %j names %s', (options, option) => {
    expect(refusal(() => new PixiDockerImageSpec(options as never)).option).toBe(option);
  });
});
