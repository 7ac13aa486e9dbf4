import { readFileSync } from 'fs';
import { join } from 'path';
import { JsiiKernel } from '../helpers/jsii-kernel';
import { packLibrary, run } from '../helpers/pack';
import { tempDir } from '../helpers/temp';

/*
 * A refusal as Python, Java, .NET and Go meet it: through jsii's kernel, where only the message of an error
 * crosses to the other language. `PixiErrors.refusalOf(message)` must tell a refusal from any other failure
 * and give back its parts, in the same kernel process that made it.
 */
jest.setTimeout(300_000);

const work = tempDir('e2e-jsii-');
let kernel: JsiiKernel;

/** The npm tarball of an installed dependency, as the languages' packages ship it. */
function tarballOf(name: string): { version: string; tarball: string } {
  const dir = join(__dirname, '..', '..', 'node_modules', name);
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', work, dir], work).trim().split('\n').pop()!;
  return { version, tarball: join(work, tarball) };
}

beforeAll(async () => {
  const library = packLibrary(work);
  kernel = await JsiiKernel.start();
  for (const name of ['constructs', 'projen']) {
    const { version, tarball } = tarballOf(name);
    await kernel.load(name, version, tarball);
  }
  await kernel.load('projen-pixi', '0.0.0', library);
});

afterAll(() => kernel?.stop());

async function project(): Promise<unknown> {
  const made = await kernel.request({ api: 'create', fqn: 'projen.Project', args: [{ name: 'other-language', outdir: join(work, 'out') }] });
  return made.ok;
}

/**
 * The parts `PixiErrors.refusalOf` gives for a message, read as the other language reads them: the struct
 * comes back by reference, and each property is a `get` on it.
 */
async function refusalOf(message: string): Promise<Record<string, unknown> | undefined> {
  const answer = await kernel.request({ api: 'sinvoke', fqn: 'projen-pixi.PixiErrors', method: 'refusalOf', args: [message] });
  expect(answer.error).toBeUndefined();
  const struct = answer.ok.result;
  if (struct === undefined) return undefined;
  expect(struct['$jsii.interfaces']).toEqual(['projen-pixi.PixiRefusal']);
  const parts: Record<string, unknown> = {};
  for (const property of ['construct', 'option', 'value', 'allowed', 'problem', 'suggestion', 'note']) {
    const got = await kernel.request({ api: 'get', objref: struct, property });
    expect(got.error).toBeUndefined();
    parts[property] = got.ok.value;
  }
  return parts;
}

test('a construct\'s refusal reaches the other language as a message that gives back its parts', async () => {
  const refused = await kernel.request({ api: 'create', fqn: 'projen-pixi.PixiWorkspace', args: [await project(), { platforms: ['linux-65'] }] });
  expect(refused.ok).toBeUndefined();
  expect(refused.error).toMatch(/^PixiWorkspace: invalid platforms\[0\] "linux-65"; allowed: a conda platform/);
  expect(await refusalOf(refused.error!)).toEqual(expect.objectContaining({
    construct: 'PixiWorkspace', option: 'platforms[0]', value: '"linux-65"', problem: 'invalid',
  }));
});

test('a refusal named in PixiProject\'s terms keeps those names across', async () => {
  const refused = await kernel.request({
    api: 'create',
    fqn: 'projen-pixi.PixiProject',
    args: [{ name: 'other-language', defaultReleaseBranch: 'main', outdir: join(work, 'project'), cudaVersion: 'twelve' }],
  });
  expect(refused.error).toMatch(/^PixiProject: invalid cudaVersion "twelve"/);
  expect(await refusalOf(refused.error!)).toEqual(expect.objectContaining({ construct: 'PixiProject', option: 'cudaVersion', value: '"twelve"' }));
});

test('any other failure, or any other text, is not a refusal', async () => {
  const failed = await kernel.request({ api: 'create', fqn: 'projen-pixi.PixiWorkspace', args: [] });
  expect(failed.error).toBeDefined();
  for (const message of [failed.error!, '', 'PixiWorkspace: invalid platforms[0] "linux-66"; allowed: a conda platform.']) {
    expect(await refusalOf(message)).toBeUndefined();
  }
});
