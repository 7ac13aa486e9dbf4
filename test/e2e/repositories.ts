/*
 * The example repositories the e2e suite and the benchmark build: synthesized with the library
 * into temp dirs, with sources, a stand-in pixi.lock and planted files .dockerignore must keep out.
 */
import { cpSync, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { DockerIgnore, DockerRecipe, FinalImageKind, PixiDockerImage, PixiDockerImageOptions, PixiWorkspace } from '../../src';
import { tempDir } from '../helpers/temp';
import { manifestFixture } from '../helpers/toml';

/** The default command: prints what the activation set, then exits with a code of its own. */
export const COMMAND = ['bash', '-c', 'echo "cmd $CONDA_PREFIX $STUB_ACTIVATED"; exit 7'];
export const COMMAND_EXIT_CODE = 7;

export interface ImageUnderTest {
  readonly tag: string;
  /** Directory of the build context. */
  readonly context: string;
  readonly dockerfile: string;
  readonly environment: string;
  readonly recipe: DockerRecipe;
  readonly kind: FinalImageKind;
  /** What the stub records as CONDA_OVERRIDE_CUDA. */
  readonly cuda: string;
  /** The source file to edit for the cache test. */
  readonly sourceFile: string;
  /** Install inputs the final image keeps, for editable path dependencies. */
  readonly runtimeInputs: string[];
  /** The workspace's activation scripts the final image keeps at their workspace path. */
  readonly activationScripts: string[];
  /** Built as on a machine with a GPU, which pixi would detect. */
  readonly gpuBuilder?: boolean;
}

function image(project: Project, tag: string, options: PixiDockerImageOptions, cuda: string): ImageUnderTest {
  const built = new PixiDockerImage(project, { command: COMMAND, ...options });
  return {
    tag,
    context: project.outdir,
    dockerfile: built.spec.dockerfile,
    environment: built.spec.environment,
    recipe: built.spec.recipe,
    kind: built.spec.finalImageKind,
    cuda,
    sourceFile: join(project.outdir, 'app', 'main.py'),
    runtimeInputs: built.spec.runtimeInputs,
    activationScripts: built.spec.activationScripts,
  };
}

/** Sources, a stand-in lock, and junk that .dockerignore must keep out of the image. */
function plantFiles(dir: string): void {
  mkdirSync(join(dir, 'app', '__pycache__'), { recursive: true });
  mkdirSync(join(dir, 'app', '.pixi', 'envs', 'junk'), { recursive: true });
  mkdirSync(join(dir, '.pixi', 'envs', 'junk'), { recursive: true });
  writeFileSync(join(dir, 'app', 'main.py'), 'print("hello from the image")\n');
  writeFileSync(join(dir, 'app', '.env'), 'API_TOKEN=do-not-ship\n');
  writeFileSync(join(dir, 'app', '__pycache__', 'main.cpython-313.pyc'), 'junk');
  writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
}

function synth(project: Project): void {
  process.env.PROJEN_DISABLE_POST = 'true';
  project.synth();
}

/** The lesson's cuda-exercise: cpu and gpu images (OPTIMIZED) and the gpu image of the lesson's recipe. */
export function cudaExercise(): ImageUnderTest[] {
  const dir = tempDir('e2e-cuda-exercise-');
  const project = new Project({ name: 'cuda-exercise', outdir: dir });
  new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);
  const images = [
    image(project, 'e2e/cuda-exercise:cpu', { environment: 'cpu', dockerfile: 'Dockerfile.cpu' }, 'none'),
    image(project, 'e2e/cuda-exercise:gpu', { environment: 'gpu', dockerfile: 'Dockerfile.gpu' }, '12'),
    image(project, 'e2e/cuda-exercise:tutorial', { environment: 'gpu', dockerfile: 'Dockerfile.tutorial', recipe: DockerRecipe.TUTORIAL, ports: [8000] }, '12'),
  ];
  new DockerIgnore(project);
  plantFiles(dir);
  synth(project);
  return images;
}

/** A workspace in a subdirectory of the repository, with a final image without pixi and a pinned pixi. */
export function subdirectoryWorkspace(): ImageUnderTest[] {
  const dir = tempDir('e2e-monorepo-');
  const root = new Project({ name: 'lab', outdir: dir });
  const analysis = new Project({ name: 'analysis', parent: root, outdir: 'services/analysis' });
  new PixiWorkspace(analysis, { dependencies: { python: '3.13.*' }, features: { prod: {} }, environments: { prod: { features: ['prod'] } } });
  const images = [image(analysis, 'e2e/analysis:prod', {
    environment: 'prod', baseImage: 'ghcr.io/prefix-dev/pixi:0.77.0-noble', finalImage: 'localhost/ubuntu:24.04',
  }, 'none')];
  new DockerIgnore(analysis);
  plantFiles(analysis.outdir);
  synth(root);
  return images;
}

/**
 * An adopted pyproject.toml workspace that installs itself in editable mode, as `pixi init --format
 * pyproject` writes it, built with an older pixi (no `--as-is`).
 */
export function adoptedPyproject(): ImageUnderTest[] {
  const dir = tempDir('e2e-pyproject-');
  writeFileSync(join(dir, 'pyproject.toml'), [
    '[project]', 'name = "pose-estimation"', 'version = "0.3.0"', 'requires-python = ">=3.12"', 'readme = "README.md"', '',
    '[tool.pixi.workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]', '',
    '[tool.pixi.pypi-dependencies]', 'pose_estimation = { path = ".", editable = true }', '',
    '[tool.pixi.feature.cuda]', 'system-requirements = { cuda = "12.4" }', '',
    '[tool.pixi.environments]', 'cuda = ["cuda"]', '',
  ].join('\n'));
  const project = new Project({ name: 'pose-estimation', outdir: dir });
  PixiWorkspace.fromManifest(project, 'pyproject.toml');
  // The editable install builds the package, whose build backend also reads the README.
  mkdirSync(join(dir, 'pose_estimation'));
  writeFileSync(join(dir, 'pose_estimation', '__init__.py'), 'NAME = "pose-estimation"\n');
  writeFileSync(join(dir, 'README.md'), '# pose-estimation\n');
  const images = [image(project, 'e2e/pose-estimation:cuda', {
    environment: 'cuda', baseImage: 'ghcr.io/prefix-dev/pixi:0.52.0-noble', installInputs: ['README.md', 'pose_estimation'],
  }, '12.4')];
  new DockerIgnore(project);
  plantFiles(dir);
  synth(project);
  return images;
}


/**
 * The service's health check: it passes only in the activated environment. (Not CONDA_PREFIX, which the image also
 * sets as ENV: STUB_ACTIVATED comes from the environment's activate.d script, which only the activation sources.)
 */
export const SERVICE_CHECK = ['bash', '-c', 'test "${STUB_ACTIVATED:-}" = 1'];

/**
 * A service whose health check passes only in the activated environment: once through the OPTIMIZED
 * entrypoint, once through the lesson's (TUTORIAL). Docker runs a check beside the container's process,
 * not through its ENTRYPOINT.
 */
export function healthCheckedService(): ImageUnderTest[] {
  const dir = tempDir('e2e-service-');
  const project = new Project({ name: 'service', outdir: dir });
  new PixiWorkspace(project, { dependencies: { python: '3.13.*' } });
  const healthcheck = { command: SERVICE_CHECK, intervalSeconds: 1, timeoutSeconds: 5 };
  const images = [
    image(project, 'e2e/service:optimized', { healthcheck, ports: [8000] }, 'none'),
    image(project, 'e2e/service:tutorial', { healthcheck, dockerfile: 'Dockerfile.tutorial', recipe: DockerRecipe.TUTORIAL }, 'none'),
  ];
  new DockerIgnore(project);
  plantFiles(dir);
  synth(project);
  return images;
}

/** A copy of a manifest fixture shaped like one of pixi's examples, adopted as it is. */
function adoptedFixture(fixture: string): Project {
  const dir = tempDir(`e2e-${fixture}-`);
  cpSync(manifestFixture(fixture), dir, { recursive: true });
  const project = new Project({ name: fixture, outdir: dir });
  PixiWorkspace.fromManifest(project);
  return project;
}

/**
 * Workspaces shaped like pixi's own examples: activation scripts and variables (examples/pypi, with
 * a missing script), a local find-links directory (examples/pypi-find-links), and a CUDA platform
 * beside a plain linux-64 (examples/multi-machine), built for each of the two.
 */
export function pixiExampleShapes(): ImageUnderTest[] {
  const activation = adoptedFixture('activation');
  const findLinks = adoptedFixture('find-links');
  const multiMachine = adoptedFixture('multi-machine');
  const emptyActivationValue = adoptedFixture('empty-activation-value');
  const legacyPackageTarget = adoptedFixture('legacy-package-target');
  const absoluteActivationScript = adoptedFixture('absolute-activation-script');
  const images = [
    image(activation, 'e2e/activation:gpu', { environment: 'gpu', dockerfile: 'Dockerfile.gpu' }, 'none'),
    image(activation, 'e2e/activation:tutorial', { dockerfile: 'Dockerfile.tutorial', recipe: DockerRecipe.TUTORIAL }, 'none'),
    image(findLinks, 'e2e/find-links:default', { installInputs: ['links'] }, 'none'),
    image(multiMachine, 'e2e/multi-machine:cuda', {}, '12'),
    // On a builder with a GPU, pixi alone would install cuda-linux-64 (declared first).
    { ...image(multiMachine, 'e2e/multi-machine:cpu', { platform: 'linux-64', dockerfile: 'Dockerfile.cpu' }, 'none'), gpuBuilder: true },
    // Read as pixi's parser reads them, where its schema is stricter (test/pixi/parser-not-schema.test.ts).
    image(emptyActivationValue, 'e2e/empty-activation-value:headless', { environment: 'headless' }, 'none'),
    image(legacyPackageTarget, 'e2e/legacy-package-target:default', { installInputs: ['pixi.toml'] }, '12'),
    image(absoluteActivationScript, 'e2e/absolute-activation-script:default', {}, 'none'),
  ];
  for (const project of [activation, findLinks, multiMachine, emptyActivationValue, legacyPackageTarget, absoluteActivationScript]) {
    new DockerIgnore(project);
    plantFiles(project.outdir);
    synth(project);
  }
  return images;
}

/** The package of the real-layouts repository, which an image must hold under its own name. */
export const LAYOUT_PACKAGE = 'my_project';
/** Where the build commands leave their trace: in the environment, which the final image copies. */
export const BUILT_FILE = '/app/.pixi/envs/default/share/built.txt';
/** apt packages of the final image (the stub apt-get's catalogue: curl recommends ca-certificates, libgl1 libglx-mesa0). */
export const LAYOUT_SYSTEM_PACKAGES = ['curl', 'libgl1'];
/** Build commands that need the activated environment (python, CONDA_PREFIX), the work directory and the sources. */
const LAYOUT_BUILD_COMMANDS = [
  'mkdir -p "$CONDA_PREFIX/share" && python -m my_project > "$CONDA_PREFIX/share/built.txt"',
  `cat ${LAYOUT_PACKAGE}/__init__.py /etc/my_app/app.toml >> "$CONDA_PREFIX/share/built.txt"`,
];

/**
 * A repository laid out as real ones are: a package that must keep its name, a single file, a config directory
 * that belongs elsewhere, and beside them what `.dockerignore` must keep out (`.env`, a local `.pixi`, caches).
 * One image names its sources one by one, one copies the whole context, and one is the lesson's recipe with sources.
 */
export function realLayouts(): ImageUnderTest[] {
  const dir = tempDir('e2e-layouts-');
  const project = new Project({ name: 'layouts', outdir: dir });
  new PixiWorkspace(project, { dependencies: { python: '3.13.*' } });
  const files: Record<string, string> = {
    [`${LAYOUT_PACKAGE}/__init__.py`]: 'NAME = "my_project"\n',
    [`${LAYOUT_PACKAGE}/__main__.py`]: 'print("my_project runs")\n',
    [`${LAYOUT_PACKAGE}/__pycache__/__init__.cpython-313.pyc`]: 'junk',
    'main.py': 'print("main")\n',
    'config/app.toml': 'debug = false\n',
    'README.md': '# layouts\n',
    '.env': 'API_TOKEN=do-not-ship\n',
    '.pixi/envs/default/conda-meta/junk.json': '{}',
    'pixi.lock': 'version: 6\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const named = [{ from: LAYOUT_PACKAGE }, { from: 'main.py' }, { from: 'config', to: '/etc/my_app' }];
  const images = [
    {
      ...image(project, 'e2e/layouts:named', {
        sources: named, buildCommands: LAYOUT_BUILD_COMMANDS, systemPackages: LAYOUT_SYSTEM_PACKAGES, dockerfile: 'Dockerfile.named',
      }, 'none'),
      sourceFile: join(dir, LAYOUT_PACKAGE, '__init__.py'),
    },
    { ...image(project, 'e2e/layouts:whole', { sources: [{ from: '.' }], dockerfile: 'Dockerfile.whole' }, 'none'), sourceFile: join(dir, 'README.md') },
    {
      ...image(project, 'e2e/layouts:tutorial', { sources: named, dockerfile: 'Dockerfile.tutorial', recipe: DockerRecipe.TUTORIAL }, 'none'),
      sourceFile: join(dir, LAYOUT_PACKAGE, '__init__.py'),
    },
  ];
  new DockerIgnore(project);
  synth(project);
  return images;
}

/** A manifest with a PyPI dependency from git, which pixi fetches with the git program (pixi's images have none). */
export const GIT_DEPENDENCY_MANIFEST = [
  '[workspace]', 'name = "with-git"', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]', '',
  '[dependencies]', 'python = "3.13.*"', '',
  '[pypi-dependencies]', 'flask = { git = "https://github.com/pallets/flask", tag = "3.1.0" }', '',
].join('\n');

/** A repository whose environment has a git dependency: its image's build stage installs git first. */
export function gitDependencyRepository(): ImageUnderTest {
  const dir = tempDir('e2e-git-');
  writeFileSync(join(dir, 'pixi.toml'), GIT_DEPENDENCY_MANIFEST);
  writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
  const project = new Project({ name: 'with-git', outdir: dir });
  PixiWorkspace.fromManifest(project);
  const built = image(project, 'e2e/with-git:default', { sources: [] }, 'none');
  new DockerIgnore(project);
  synth(project);
  return built;
}

/** The pixi-build package of the pixi-build repository, a conda source that pixi install builds editable. */
export const BUILT_PACKAGE = 'my_lib';

/** A workspace that depends on a pixi-build-python package of its own, shaped like pixi's docs pixi_build/python. */
export function pixiBuildRepository(): ImageUnderTest {
  const dir = tempDir('e2e-pixi-build-');
  const files: Record<string, string> = {
    'pixi.toml': [
      '[workspace]', 'name = "with-package"', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]', 'preview = ["pixi-build"]', '',
      '[dependencies]', `${BUILT_PACKAGE} = { path = "${BUILT_PACKAGE}" }`, '',
    ].join('\n'),
    [`${BUILT_PACKAGE}/pixi.toml`]: [
      '[package]', `name = "${BUILT_PACKAGE}"`, 'version = "0.1.0"', '',
      '[package.build]', 'backend = { name = "pixi-build-python", version = "*" }', '',
    ].join('\n'),
    [`${BUILT_PACKAGE}/pyproject.toml`]: `[project]\nname = "${BUILT_PACKAGE}"\nversion = "0.1.0"\n`,
    [`${BUILT_PACKAGE}/${BUILT_PACKAGE}/__init__.py`]: 'NAME = "my_lib"\n',
    'pixi.lock': 'version: 6\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const project = new Project({ name: 'with-package', outdir: dir });
  PixiWorkspace.fromManifest(project);
  const built = image(project, 'e2e/with-package:default', { sources: [], installInputs: [BUILT_PACKAGE] }, 'none');
  new DockerIgnore(project);
  synth(project);
  return built;
}

/** The secrets of the private-index repository: a token (exported as its value) and pixi's credentials file. */
export const BUILD_SECRETS: Record<string, string> = {
  LAB_INDEX_TOKEN: 's3cr3t-token-e2e-9f2b4c',
  RATTLER_AUTH_FILE: '{"lab.example.org": {"BearerToken": "s3cr3t-bearer-e2e-51d7a0"}}',
};

/** A repository that installs from a private index and channel: its install and build command read build secrets. */
export function privateIndexRepository(): ImageUnderTest {
  const dir = tempDir('e2e-secrets-');
  writeFileSync(join(dir, 'pixi.toml'), '[workspace]\nname = "private"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n\n[dependencies]\npython = "3.13.*"\n');
  writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
  const project = new Project({ name: 'private', outdir: dir });
  PixiWorkspace.fromManifest(project);
  const built = image(project, 'e2e/private:default', {
    sources: [],
    buildSecrets: Object.keys(BUILD_SECRETS),
    // Proves the build saw the token, without writing it anywhere: only its length reaches the environment.
    buildCommands: ['mkdir -p "$CONDA_PREFIX/share" && echo "token of ${#LAB_INDEX_TOKEN} characters" > "$CONDA_PREFIX/share/token-seen"'],
  }, 'none');
  new DockerIgnore(project);
  synth(project);
  return built;
}
