import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { tempDir } from './temp';

test('the temp dirs a test file makes are gone after its tests (jest\'s setupFilesAfterEnv)', () => {
  const record = join(tempDir('temp-dirs-record-'), 'dirs.json');
  const result = spawnSync('npx', ['jest', '--ci', '--coverage=false', '--testMatch', '<rootDir>/test/fixtures/temp-dirs/makes-temp-dirs.ts'],
    { cwd: join(__dirname, '..', '..'), encoding: 'utf8', env: { ...process.env, TEMP_DIRS_RECORD: record } });
  expect(result.status).toBe(0);
  const dirs: string[] = JSON.parse(readFileSync(record, 'utf8'));
  expect(dirs).toHaveLength(2);
  expect(dirs.filter((dir) => existsSync(dir))).toEqual([]);
});
