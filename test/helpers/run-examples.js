/*
 * Runs TypeScript files as a user runs a .projenrc.ts (`npx tsx .projenrc.ts`), each in its own folder, in one
 * process (one TypeScript set-up for all): `node run-examples.js JOBS RESULTS`, JOBS a JSON list of
 * { dir, file }; RESULTS gets, per job, the error message it threw, or null. Post-synthesis steps (installing the
 * project's packages with npm or pip) are left to the test: they would need the network.
 */
const { readFileSync, writeFileSync } = require('fs');
const { join } = require('path');

const [jobsFile, resultsFile] = process.argv.slice(2);
require('ts-node').register({ transpileOnly: true, project: join(__dirname, '..', 'tsconfig.json'), compilerOptions: { module: 'commonjs' } });
process.env.PROJEN_DISABLE_POST = 'true';

const results = JSON.parse(readFileSync(jobsFile, 'utf8')).map(({ dir, file }) => {
  process.chdir(dir);
  try {
    require(file);
    return null;
  } catch (error) {
    return String(error && error.message);
  }
});
writeFileSync(resultsFile, JSON.stringify(results));
