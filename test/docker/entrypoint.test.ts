import { spawnSync } from 'child_process';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { PixiDockerImageSpec } from '../../src';
import { shellcheck } from '../helpers/shellcheck';
import { tempDir } from '../helpers/temp';

describe('entrypoint (OPTIMIZED)', () => {
  test('is shellcheck-clean for every kind of command', () => {
    const commands = [undefined, ['python'], ['python', '-c', 'print("it\'s $HOME")'], ['sh', '-c', 'echo "$1" `x`', 'a b']];
    for (const command of commands) {
      const script = new PixiDockerImageSpec({ command }).renderEntrypoint({ headerComment: 'marker' })!;
      expect(script.startsWith('#!/bin/bash\n# marker\n')).toBe(true);
      expect(shellcheck(script, 'bash')).toEqual([]);
    }
  });

  test('sources the activation written at build time and execs the command', () => {
    const script = new PixiDockerImageSpec({ environment: 'gpu', dockerfile: 'Dockerfile.gpu' }).renderEntrypoint()!;
    const code = script.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));

    expect(code.slice(0, 4)).toEqual([
      'if [ "${PIXI_IMAGE_ACTIVATED:-}" != "/app/.pixi/envs/gpu" ]; then',
      '  . /opt/pixi-image/activate.sh',
      '  export PIXI_IMAGE_ACTIVATED="/app/.pixi/envs/gpu"',
      'fi',
    ]);
    expect(code[code.length - 1]).toBe('exec "$@"');
    expect(code.join('\n')).not.toMatch(/(^|[\s;&|])pixi\s/m);
  });

  /** Runs the entrypoint with bash, an activation stub in place of /opt/pixi-image/activate.sh. */
  function runEntrypoint(command: string[] | undefined, args: string[]) {
    const dir = tempDir('entrypoint-');
    writeFileSync(join(dir, 'activate.sh'), 'export ACTIVATED=yes\nexport TIMES="${TIMES:-}x"\n');
    const script = new PixiDockerImageSpec({ command }).renderEntrypoint()!.replace('. /opt/pixi-image/activate.sh', `. ${join(dir, 'activate.sh')}`);
    writeFileSync(join(dir, 'entrypoint.sh'), script);
    return spawnSync('bash', [join(dir, 'entrypoint.sh'), ...args.map((arg) => arg.replace('ENTRYPOINT', join(dir, 'entrypoint.sh')))], { encoding: 'utf8' });
  }

  test('runs the image command without arguments, arguments replace it, exit codes pass through', () => {
    const command = ['sh', '-c', 'echo "default $ACTIVATED it\'s"; exit 3'];

    const byDefault = runEntrypoint(command, []);
    expect([byDefault.stdout, byDefault.status]).toEqual(['default yes it\'s\n', 3]);

    const replaced = runEntrypoint(command, ['sh', '-c', 'echo "given $ACTIVATED"; exit 5']);
    expect([replaced.stdout, replaced.status]).toEqual(['given yes\n', 5]);
  });

  test('run as the command of a container whose entrypoint ran it already (HTCondor\'s docker universe), activates once', () => {
    const twice = runEntrypoint(undefined, ['bash', 'ENTRYPOINT', 'sh', '-c', 'echo "$TIMES $PIXI_IMAGE_ACTIVATED"']);
    expect(twice.stdout).toBe('x /app/.pixi/envs/default\n');
  });

  test('exec replaces the shell: the command keeps the entrypoint\'s PID', () => {
    const result = runEntrypoint(undefined, ['sh', '-c', 'echo "$$ $PPID"; cat /proc/$$/comm']);
    const [pid] = result.stdout.split('\n')[0].split(' ');
    // Without exec, bash would fork: the command would get a new PID whose parent is bash.
    expect(result.stdout.split('\n')[1]).toBe('sh');
    expect(Number(pid)).toBe(result.pid);
  });
});
