import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { dockerfileDiagnostics, instructionLines, runScripts, sourceCopiesBeforeInstall } from './dockerfile';
import { pixiManifestErrors } from './schema';
import { shellcheck } from './shellcheck';
import { tempDir } from './temp';
import { PixiDockerImageSpec } from '../../src';

/**
 * Negative controls: each check the suite relies on, fed the broken property it guards, must
 * report it. A check that cannot fail proves nothing.
 */
describe('the checks can fail', () => {
  const optimized = new PixiDockerImageSpec({ environment: 'gpu', cudaVersion: '12' }).renderDockerfile();

  test('shellcheck reports an unquoted variable in an entrypoint and in a RUN script', () => {
    const broken = new PixiDockerImageSpec({}).renderEntrypoint()!.replace('exec "$@"', 'exec $@');
    expect(shellcheck(broken, 'bash')).toEqual([expect.stringContaining('SC2068')]);
    const brokenRun = optimized.replace('> /opt/pixi-image/activate.sh', '> $TARGET');
    expect(runScripts(brokenRun).flatMap((script) => shellcheck(script, 'sh'))).toEqual([expect.stringContaining('SC2086')]);
  });

  test('dockerfile-utils reports a misspelled flag, a relative WORKDIR and a second CMD', () => {
    const broken = optimized
      .replace('COPY --from=build /opt/pixi-image/activate.sh', 'COPY --form=build /opt/pixi-image/activate.sh')
      .replace('WORKDIR /app\nCOPY --from', 'WORKDIR app\nCOPY --from') + 'CMD ["a"]\nCMD ["b"]\n';
    const diagnostics = dockerfileDiagnostics(broken);
    expect(diagnostics.join('\n')).toMatch(/Unknown flag: form/);
    expect(diagnostics.join('\n')).toMatch(/WORKDIR paths should be absolute/);
    expect(diagnostics.join('\n')).toMatch(/only be one CMD/);
  });

  test('the cache-order check reports sources copied before the install', () => {
    const broken = optimized.replace('COPY pixi.toml pixi.lock ./', 'COPY pixi.toml pixi.lock ./\nCOPY app /app/src');
    expect(sourceCopiesBeforeInstall(broken)).toEqual([expect.stringContaining('COPY app /app/src')]);
  });

  test('the instruction comparison sees a changed flag', () => {
    const spec = new PixiDockerImageSpec({ environment: 'gpu' }).renderDockerfile();
    expect(instructionLines(spec.replace('--locked', '--frozen'))).not.toEqual(instructionLines(spec));
  });

  test('the PID check tells an entrypoint without exec apart', () => {
    const dir = tempDir('no-exec-');
    writeFileSync(join(dir, 'activate.sh'), '');
    const script = new PixiDockerImageSpec({}).renderEntrypoint()!
      .replace('. /opt/pixi-image/activate.sh', `. ${join(dir, 'activate.sh')}`)
      .replace('exec "$@"', '"$@"');
    writeFileSync(join(dir, 'entrypoint.sh'), script);
    const result = spawnSync('bash', [join(dir, 'entrypoint.sh'), 'sh', '-c', 'echo $$'], { encoding: 'utf8' });
    expect(Number(result.stdout.trim())).not.toBe(result.pid);
  });

  test('a missing shellcheck is an error, not a pass', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => shellcheck('echo hi\n', 'sh')).toThrow(/shellcheck could not run.*apt-get install shellcheck/);
    } finally {
      process.env.PATH = path;
    }
  });

  test('pixi\'s schema rejects a manifest without channels and a task with an unknown key', () => {
    expect(pixiManifestErrors({ workspace: { platforms: ['linux-64'] } }).join('\n')).toMatch(/required.*channels/);
    expect(pixiManifestErrors({ workspace: { channels: ['conda-forge'] }, tasks: { t: { cmd: 'x', bogus: 1 } } })).not.toEqual([]);
  });
});
