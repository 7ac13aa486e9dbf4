import { ApptainerDefinitionSpec, DockerRecipe, PixiDockerImageSpec, PixiWorkspaceSpec } from '../../src';
import { parseDefinition } from '../helpers/apptainer';
import { dockerfileDiagnostics, parseInstructions } from '../helpers/dockerfile';
import { refusal } from '../helpers/refusal';
import { shellcheck } from '../helpers/shellcheck';

/** The final stage's RUN scripts. */
function finalRuns(dockerfile: string): string[] {
  return parseInstructions(dockerfile).filter((i) => i.stage === 'final' && i.keyword === 'RUN').map((i) => i.args);
}

describe('systemPackages: apt packages of the final image', () => {
  const spec = new PixiDockerImageSpec({ systemPackages: ['libgl1', 'curl=8.5.0-2ubuntu10.6'] });
  const dockerfile = spec.renderDockerfile();

  test('one RUN, first in the final stage: index fetched, no recommends, no prompt, the lists removed in the same layer', () => {
    const final = parseInstructions(dockerfile).filter((i) => i.stage === 'final');
    expect(final.slice(0, 3).map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'RUN']);
    expect(finalRuns(dockerfile)).toEqual([
      'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgl1 curl=8.5.0-2ubuntu10.6 && rm -rf /var/lib/apt/lists/*',
    ]);
    expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
    expect(shellcheck(finalRuns(dockerfile)[0], 'sh')).toEqual([]);
  });

  test('as root, before the USER the image runs as', () => {
    const final = parseInstructions(dockerfile).filter((i) => i.stage === 'final');
    expect(final.findIndex((i) => i.keyword === 'RUN')).toBeLessThan(final.findIndex((i) => i.keyword === 'USER'));
  });

  test('the Apptainer final stage installs them in %post, stopping at a failure', () => {
    const final = parseDefinition(new ApptainerDefinitionSpec(spec).render())[1];
    const post = final.sections.find((s) => s.name === 'post')!.body;
    expect(post.split('\n').slice(0, 4)).toEqual([
      'set -e', 'apt-get update', 'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libgl1 curl=8.5.0-2ubuntu10.6',
      'rm -rf /var/lib/apt/lists/*',
    ]);
    expect(shellcheck(post, 'sh')).toEqual([]);
  });

  test('an Ubuntu or Debian final image takes them; none by default', () => {
    for (const finalImage of ['ubuntu:24.04', 'debian:bookworm-slim', 'nvidia/cuda:12.4.1-runtime-ubuntu22.04', 'ghcr.io/prefix-dev/pixi:0.77.0-bookworm-slim']) {
      expect(new PixiDockerImageSpec({ finalImage, systemPackages: ['curl'] }).systemPackages).toEqual(['curl']);
    }
    expect(finalRuns(new PixiDockerImageSpec({}).renderDockerfile())).toEqual([]);
  });

  test.each([
    [{ finalImage: 'gcr.io/distroless/base-debian12', systemPackages: ['curl'] }, 'systemPackages', 'DISTROLESS final image, which has no package manager: add them to the workspace as conda-forge packages'],
    [{ finalImage: 'alpine:3.20', systemPackages: ['curl'] }, 'systemPackages', 'alpine:3.20 has another package manager'],
    [{ finalImage: 'python:3.12-alpine', systemPackages: ['curl'] }, 'systemPackages', 'has another package manager'],
    [{ finalImage: 'registry.access.redhat.com/ubi9/ubi-minimal', systemPackages: ['curl'] }, 'systemPackages', 'has another package manager'],
    [{ systemPackages: ['curl; rm -rf /'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['curl', 'a\nRUN id'] }, 'systemPackages[1]', 'a Debian package name'],
    [{ systemPackages: ['-y'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['Curl'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['c'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['curl=$(id)'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['curl=~1'] }, 'systemPackages[0]', 'a Debian package name'],
    [{ systemPackages: ['curl', 'curl=8'] }, 'systemPackages[1]', 'each package once'],
    [{ systemPackages: [42] }, 'systemPackages[0]', 'a string'],
    [{ systemPackages: ['curl'], recipe: DockerRecipe.TUTORIAL }, 'systemPackages', 'nothing with DockerRecipe.TUTORIAL'],
  ])('refused: %j names %s', (options, option, allowed) => {
    const error = refusal(() => new PixiDockerImageSpec(options as never));
    expect([error.option, error.message]).toEqual([option, expect.stringContaining(allowed)]);
  });
});

describe('git dependencies: the build stage gets git, which pixi fetches them with', () => {
  const manifest = (extra: string) => PixiWorkspaceSpec.parse([
    '[workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64", "osx-arm64"]', '',
    '[dependencies]', 'python = "3.12.*"', '', extra,
  ].join('\n'), 'pixi.toml');
  const gitPypi = manifest('[pypi-dependencies]\nflask = { git = "https://github.com/pallets/flask", tag = "3.0.0" }\n');

  test('apt installs git (and the certificates an https remote needs) first in the build stage, before the install', () => {
    const spec = new PixiDockerImageSpec({ workspace: gitPypi });
    expect(spec.environmentView?.gitDependencies).toEqual(['pypi-dependencies.flask']);
    const build = parseInstructions(spec.renderDockerfile()).filter((i) => i.stage === 'build');
    expect(build.slice(0, 3).map((i) => i.keyword)).toEqual(['FROM', 'WORKDIR', 'RUN']);
    expect(build[2].args).toBe('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends git ca-certificates && rm -rf /var/lib/apt/lists/*');
    expect(build.findIndex((i) => i.args.includes('pixi install'))).toBeGreaterThan(2);
    // The final image does not get it: the environment holds what was fetched.
    expect(finalRuns(spec.renderDockerfile())).toEqual([]);
    const post = parseDefinition(new ApptainerDefinitionSpec(spec).render())[0].sections.find((s) => s.name === 'post')!.body;
    expect(post.indexOf('apt-get install -y --no-install-recommends git ca-certificates')).toBeLessThan(post.indexOf('pixi install'));
    expect(shellcheck(post, 'sh')).toEqual([]);
  });

  test('found in every table and target pixi fetches from git, and through [workspace.dependencies]', () => {
    const conda = manifest('[target.linux-64.dependencies]\nmylib = { git = "https://example.org/mylib.git" }\n');
    expect(new PixiDockerImageSpec({ workspace: conda }).buildStagePackages).toEqual(['git', 'ca-certificates']);
    const macOnly = manifest('[target.osx-arm64.pypi-dependencies]\nmaconly = { git = "https://example.org/m.git" }\n');
    expect(new PixiDockerImageSpec({ workspace: macOnly }).buildStagePackages).toEqual([]);
    expect(new PixiDockerImageSpec({ workspace: manifest('') }).buildStagePackages).toEqual([]);
    const feature = manifest('[feature.dev.pypi-dependencies]\ntool = { git = "https://example.org/t.git" }\n\n[environments]\ndev = ["dev"]\n');
    expect(new PixiDockerImageSpec({ workspace: feature }).buildStagePackages).toEqual([]);
    expect(new PixiDockerImageSpec({ workspace: feature, environment: 'dev' }).environmentView?.gitDependencies).toEqual(['feature.dev.pypi-dependencies.tool']);
  });

  test('refused where git cannot be installed, saying why: the lesson\'s recipe, a base image without apt', () => {
    const tutorial = refusal(() => new PixiDockerImageSpec({ workspace: gitPypi, recipe: DockerRecipe.TUTORIAL }));
    expect([tutorial.option, tutorial.message]).toEqual(['recipe', expect.stringContaining('git dependencies (pypi-dependencies.flask), which pixi fetches with the git program')]);
    const alpine = refusal(() => new PixiDockerImageSpec({ workspace: gitPypi, baseImage: 'ghcr.io/lab/pixi:alpine' }));
    expect([alpine.option, alpine.message]).toEqual(['baseImage', expect.stringContaining('a Debian or Ubuntu base image')]);
  });
});
