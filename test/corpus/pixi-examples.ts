/*
 * Adopts every pixi.toml and pyproject.toml under pixi's examples/ and docs/source_files/ and
 * synthesizes one image per environment, as a user would: first with no install inputs (to see
 * the error that asks for them), then with the inputs the error names. Each outcome is one of
 *   IMAGE  the Dockerfile is valid, copies only files the directory has, names its platform
 *          when there is a choice, and carries every activation script that exists;
 *   REFUSED a clear PixiWorkspace/PixiDockerImage error (listed with its message);
 *   CRASH  anything else, or an image that breaks one of those rules: the run fails.
 *
 * With --build (root, Debian's buildah), every IMAGE is also built with the e2e suite's stub pixi
 * and started: a COPY of a missing file, a failing install or an activation that does not load fails it.
 *
 * Usage: npm run check:pixi-examples -- <a checkout of github.com/prefix-dev/pixi> [--build]
 * (the reference commit is 2b25fc76dd3b5cc50a235387d948474975c40d73, pixi 0.77.0).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, relative } from 'path';
import { Project } from 'projen';
import { PixiDockerImage, PixiDockerImageSpec, PixiWorkspace } from '../../src';
import { usersLines } from '../../src/util/repository-files';
import { Buildah } from '../e2e/buildah';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';

const checkout = process.argv[2];
const buildah = process.argv.includes('--build') ? Buildah.setUp(0, 16) : undefined;
if (!checkout || !existsSync(join(checkout, 'examples'))) {
  console.error('usage: check:pixi-examples <a checkout of prefix-dev/pixi, with examples/ and docs/source_files/>');
  process.exit(2);
}

function manifestsUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...manifestsUnder(path));
    else if (entry === 'pixi.toml' || entry === 'pyproject.toml') found.push(path);
  }
  return found;
}

/** Top-level entries a user would list for a package at the workspace root (`path = "."`). */
function rootPackageInputs(dir: string): string[] {
  return readdirSync(dir).filter((e) => !['.pixi', 'pixi.lock', 'pixi.toml', 'pyproject.toml', '.gitignore', '.gitattributes'].includes(e));
}

/** Builds the image with the stub pixi and starts it: what goes wrong, if anything. */
function buildAndRun(image: PixiDockerImage, context: string): string[] {
  if (!buildah) return [];
  const tag = `corpus/${image.spec.environment}:${Math.random().toString(36).slice(2, 8)}`;
  // A stand-in lock, as `pixi lock` would write it.
  if (!existsSync(join(context, 'pixi.lock'))) writeFileSync(join(context, 'pixi.lock'), 'version: 6\n');
  const logs = mkdtempSync(join(tmpdir(), 'corpus-log-'));
  try {
    buildah.build(context, image.spec.dockerfile, tag, logs);
  } catch (error) {
    return [`build failed: ${String((error as Error).message).split('\n').filter((l) => /error/i.test(l)).slice(0, 2).join(' / ')}`];
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
  const started = buildah.run(tag, ['bash', '-c', 'echo "$CONDA_PREFIX"']);
  return started.status === 0 && started.stdout.trim() === image.spec.environmentPrefix ? [] : [`does not start: ${started.stderr.trim()}`];
}

/** What is wrong with a synthesized image, if anything. */
function problems(image: PixiDockerImage, context: string): string[] {
  const spec = image.spec;
  const dockerfile = readFileSync(join(context, spec.dockerfile), 'utf8');
  const found = dockerfileDiagnostics(dockerfile).map((d) => `dockerfile-utils: ${d}`);
  for (const copy of parseInstructions(dockerfile).filter((i) => i.keyword === 'COPY' && i.flags.from === undefined)) {
    const sources = copy.args.split(/\s+/).slice(0, -1);
    for (const source of sources) {
      if (source !== 'pixi.lock' && !existsSync(join(context, source))) found.push(`COPY of a missing ${source}`);
    }
  }
  const candidates = spec.environmentView!.imagePlatforms;
  if (candidates.length > 1 && !dockerfile.includes(`--platform ${spec.platform}`)) found.push('a platform choice left to the builder');
  for (const script of spec.environmentView!.activation.scripts ?? []) {
    const exists = existsSync(join(context, script));
    if (exists && !dockerfile.includes(`COPY --from=build /app/${script} /app/${script}`)) found.push(`activation script ${script} missing from the image`);
  }
  return found;
}

const rows: string[] = [];
let crashes = 0;
const files = ['examples', 'docs/source_files'].flatMap((d) => manifestsUnder(join(checkout, d))).sort();
for (const file of files) {
  const name = relative(checkout, file);
  // pixi reads pixi.toml before pyproject.toml (crates/pixi_manifest/src/discovery.rs).
  if (file.endsWith('pyproject.toml') && existsSync(join(dirname(file), 'pixi.toml'))) {
    rows.push(`| ${name} | - | SKIPPED | pixi reads the pixi.toml beside it |`);
    continue;
  }
  const outdir = mkdtempSync(join(tmpdir(), 'pixi-example-'));
  cpSync(dirname(file), outdir, { recursive: true });
  const project = new Project({ name: 'example', outdir });
  // As the refusal advises (and as a user keeps their own lines): projen writes both files.
  project.gitignore.addPatterns(...usersLines(outdir, '.gitignore') ?? []);
  for (const line of usersLines(outdir, '.gitattributes') ?? []) {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    project.gitattributes.addAttributes(pattern, ...attributes);
  }
  let workspace: PixiWorkspace;
  try {
    workspace = PixiWorkspace.fromManifest(project, file.endsWith('pyproject.toml') ? 'pyproject.toml' : 'pixi.toml');
  } catch (error) {
    const clear = error instanceof Error && !(error instanceof TypeError) && error.message.startsWith('PixiWorkspace: ');
    if (!clear) crashes++;
    rows.push(`| ${name} | - | ${clear ? 'REFUSED' : 'CRASH'} | ${String((error as Error).message).split('\n')[0]} |`);
    rmSync(outdir, { recursive: true, force: true });
    continue;
  }
  for (const environment of workspace.environmentNames) {
    const options = { environment, dockerfile: `Dockerfile.${environment}`, copySources: false };
    let outcome: string;
    try {
      let inputs: string[] = [];
      try {
        new PixiDockerImageSpec({ ...options, workspace, contextDirectory: outdir });
      } catch (error) {
        if (!String((error as Error).message).includes('invalid installInputs')) throw error;
        // Follow the error's advice: the paths the install reads, the root package's files for `.`.
        const needed = workspace.environmentView(environment)!.pathDependencies.flatMap((d) => d.inputs);
        inputs = [...new Set(needed.flatMap((p) => (p === '.' ? rootPackageInputs(dirname(file)) : [p])))];
      }
      const image = new PixiDockerImage(project, { ...options, installInputs: inputs });
      project.synth();
      const found = problems(image, outdir);
      if (found.length === 0) found.push(...buildAndRun(image, outdir));
      if (found.length > 0) crashes++;
      const detail = [`platform ${image.spec.platform}`, inputs.length ? `installInputs ${inputs.join(', ')}` : '',
        image.spec.activationScripts.length ? `activation ${image.spec.activationScripts.join(', ')}` : ''].filter(Boolean).join('; ');
      outcome = found.length > 0 ? `CRASH | ${found.join('; ')}` : `IMAGE | ${detail}`;
    } catch (error) {
      const clear = error instanceof Error && !(error instanceof TypeError) && /^Pixi(Workspace|DockerImage): /.test(error.message);
      if (!clear) crashes++;
      outcome = `${clear ? 'REFUSED' : 'CRASH'} | ${String((error as Error).message).split('\n')[0]}`;
    }
    rows.push(`| ${name} | ${environment} | ${outcome} |`);
  }
  rmSync(outdir, { recursive: true, force: true });
}

console.log('| manifest | environment | outcome | detail |\n|---|---|---|---|');
console.log(rows.join('\n'));
const count = (kind: string) => rows.filter((r) => r.includes(`| ${kind} |`)).length;
console.log(`\n${count('IMAGE')} images${buildah ? ' (each built and started)' : ''}, ${count('REFUSED')} refused with a clear error, ${count('SKIPPED')} skipped, ${crashes} crashes or broken images`);
process.exit(crashes === 0 ? 0 : 1);
