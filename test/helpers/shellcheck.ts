import { spawnSync } from 'child_process';

/**
 * Runs Debian's shellcheck on a script and returns its findings (empty when clean). A missing
 * shellcheck is an error, never a skipped check.
 */
export function shellcheck(script: string, shell: 'sh' | 'bash'): string[] {
  const result = spawnSync('shellcheck', ['--shell', shell, '--format', 'gcc', '-'], { input: script, encoding: 'utf8', env: process.env });
  if (result.error) {
    throw new Error(`shellcheck could not run (${result.error.message}); install it: apt-get install shellcheck (scripts/install-test-tools.sh)`);
  }
  if (result.status !== 0 && result.stdout.trim() === '') {
    throw new Error(`shellcheck failed: ${result.stderr}`);
  }
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}
