import { spawnSync } from 'child_process';
import { symlinkSync } from 'fs';
import { join } from 'path';
import { tempDir } from './helpers/temp';

/*
 * README's test command begins with scripts/install-test-tools.sh: it installs shellcheck, jq, buildah, runc,
 * dockerd (Debian's docker.io) and a Slurm (slurmctld, slurmd, slurm-client, munge) where it can, and elsewhere fails naming them; it never lets the tests run without them.
 */
const SCRIPT = join(__dirname, '..', 'scripts', 'install-test-tools.sh');

/** A PATH holding only the named programs, as on a machine without the others. */
function pathWith(...programs: string[]): string {
  const bin = tempDir('bin-');
  for (const program of programs) {
    const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
    if (!found) throw new Error(`${program} is needed to run this test`);
    symlinkSync(found, join(bin, program));
  }
  return bin;
}

test('with the tools present it does nothing', () => {
  const result = spawnSync('bash', [SCRIPT], { encoding: 'utf8' });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('shellcheck jq buildah runc dockerd slurmctld slurmd sbatch munged present');
});

test('without apt-get it fails and names what to install', () => {
  const result = spawnSync('/bin/bash', [SCRIPT], { encoding: 'utf8', env: { PATH: pathWith('id', 'cat') } });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('install-test-tools: missing shellcheck jq buildah runc dockerd slurmctld slurmd sbatch munged');
  expect(result.stderr).toContain('Debian/Ubuntu: sudo apt-get install shellcheck jq buildah runc docker.io slurmctld slurmd slurm-client munge');
});
