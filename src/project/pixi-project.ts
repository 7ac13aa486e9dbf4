import { existsSync } from 'fs';
import { join } from 'path';
import { Component, github, SampleDir } from 'projen';
import { checkProjectOptions } from './option-checks';
import { isProjenNew, OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { BootstrapProjenrc, checkCommandLine, failedProjenNew, nextSteps } from './projen-new';
import { addRepositoryLines, REPOSITORY_FILES, refuseToLoseLines, usersLines } from './repository-files';
import { checkAgainstManifest, newWorkspace, WORKSPACE_SEED_OPTIONS, WorkspaceChoices } from './workspace-options';
import { ApptainerDefinition } from '../apptainer/apptainer-definition';
import { DockerIgnore } from '../docker/docker-ignore';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { GhcrWorkflow } from '../github/ghcr-workflow';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { CUDA_VERSION, CUDA_VERSION_ALLOWED } from '../util/versions';

/** The source directory a new project gets, with a sample file so that its images build. */
const SAMPLE_SOURCE_DIR = 'app';

/**
 * A repository that ships a pixi workspace as container images: the project's own `pixi.toml` or
 * `pyproject.toml` adopted (or, when it has none, a `pixi.toml` written once, as `pixi init` writes
 * it, and then left to `pixi add`), one image per environment, `.dockerignore`, the GHCR workflow
 * and optionally Apptainer definitions. The repository's `.gitignore` and `.gitattributes` lines
 * are kept, and pixi's own are added.
 *
 * @pjid pixi
 */
export class PixiProject extends github.GitHubProject {
  /** The workspace. */
  public readonly workspace: PixiWorkspace;
  /** One image per environment. */
  public readonly images: PixiDockerImage[];

  /**
   * @param options project options; invalid or unknown ones throw here, before anything is written
   */
  public constructor(options: PixiProjectOptions) {
    // projen new creates the root project; a PixiProject inside another project type is not what it was asked for.
    const creating = isProjenNew() && options?.parent === undefined;
    const names = creating ? OptionNames.CLI : OptionNames.API;
    const fail = (error: unknown, outdir: string) => creating ? failedProjenNew(error, outdir) : error;
    let checked: PixiProjectOptions;
    try {
      if (creating) checkCommandLine(process.argv);
      checked = checkProjectOptions(options, names);
    } catch (error) {
      throw fail(error, options?.outdir ?? process.cwd());
    }
    super({
      ...checked,
      // A pixi user did not ask for conventional-commit pull request titles; githubOptions turns it on.
      githubOptions: { pullRequestLint: false, ...checked.githubOptions },
      readme: checked.readme ?? { contents: sampleReadme(checked.name) },
    });
    try {
      const built = build(this, checked, names, creating);
      this.workspace = built.workspace;
      this.images = built.images;
    } catch (error) {
      throw fail(error, this.outdir);
    }
  }
}

/** Everything of the project but projen's own files. */
function build(project: PixiProject, options: PixiProjectOptions, names: OptionNames, creating: boolean) {
  const outdir = project.outdir;
  const exists = (path: string) => existsSync(join(outdir, path));

  // The repository's ignore lines: read from its files by projen new, carried by the options after.
  const lines = Object.fromEntries(REPOSITORY_FILES.map(({ file, option }) => {
    const given = options[option] ?? [];
    if (!creating) refuseToLoseLines(outdir, file, option, given, names);
    const found = creating ? (usersLines(outdir, file) ?? []).filter((line) => !given.includes(line)) : [];
    return [option, [...given, ...found]];
  })) as Record<'gitignore' | 'gitattributes', string[]>;
  addRepositoryLines(project, lines.gitignore, lines.gitattributes, names);
  project.gitignore.exclude('node_modules/');

  const environments = options.environments ?? ['default'];
  if (options.cudaVersion !== undefined && !CUDA_VERSION.test(options.cudaVersion)) {
    throw new Error(`${names.owner}: invalid ${names.of('cudaVersion')} ${JSON.stringify(options.cudaVersion)}; allowed: ${CUDA_VERSION_ALLOWED}.`);
  }
  if (options.cudaEnvironments !== undefined && options.cudaVersion === undefined) {
    throw new Error(`${names.owner}: ${names.of('cudaEnvironments')} ${JSON.stringify(options.cudaEnvironments)} needs ${names.of('cudaVersion')}.`);
  }
  const choices: WorkspaceChoices = {
    environments,
    dependencies: options.dependencies,
    platforms: options.platforms,
    cudaVersion: options.cudaVersion,
    cudaEnvironments: options.cudaEnvironments ?? (environments.some(isGpuName) ? environments.filter(isGpuName) : environments),
  };
  const existing = PixiWorkspace.manifestIn(outdir);
  let workspace: PixiWorkspace;
  if (options.generateManifest) {
    workspace = new PixiWorkspace(project, newWorkspace(choices, names));
  } else if (existing) {
    workspace = PixiWorkspace.fromManifest(project, existing);
    checkAgainstManifest(workspace, outdir, choices, names);
  } else {
    workspace = PixiWorkspace.seeded(project, newWorkspace(choices, names));
  }

  // Sources: the directory given, else app/, else the src/ a repository has, else app/ with a sample.
  const copySources = options.copySources ?? true;
  let sourceDir = options.sourceDir;
  if (copySources && sourceDir === undefined && !exists(SAMPLE_SOURCE_DIR)) {
    if (exists('src')) {
      sourceDir = 'src';
    } else {
      // Created before the images, so it is written before they check that their sources exist.
      new SampleDir(project, SAMPLE_SOURCE_DIR, { files: { 'README.md': SAMPLE_SOURCE_README } });
    }
  }
  for (const [option, paths] of [['sourceDir', copySources && sourceDir !== undefined ? [sourceDir] : []], ['installInputs', options.installInputs ?? []]] as const) {
    const missing = paths.find((path) => !exists(path));
    if (missing !== undefined) {
      throw new Error(`${names.owner}: ${names.of(option)} ${JSON.stringify(missing)} does not exist in ${outdir}; every image copies it, so the first docker build would fail.`);
    }
  }

  const images = environments.map((environment) => new PixiDockerImage(project, {
    environment,
    dockerfile: environments.length === 1 ? 'Dockerfile' : `Dockerfile.${environment}`,
    finalImage: options.finalImage,
    ports: options.ports,
    command: options.command,
    sourceDir,
    copySources,
    installInputs: options.installInputs,
    platform: options.imagePlatform,
  }));
  new DockerIgnore(project);
  if (options.apptainer) for (const image of images) new ApptainerDefinition(project, { image });
  new GhcrWorkflow(project);

  // `.projenrc.js`: with what projen new found in the repository, without what the manifest now holds.
  new BootstrapProjenrc(project, (args) => {
    const rewritten: Record<string, unknown> = { ...args, ...lines };
    for (const option of ['gitignore', 'gitattributes'] as const) if (lines[option].length === 0) delete rewritten[option];
    if (sourceDir !== undefined && options.sourceDir === undefined) rewritten.sourceDir = sourceDir;
    if (!options.generateManifest) for (const option of WORKSPACE_SEED_OPTIONS) delete rewritten[option];
    return rewritten;
  });
  const seeded = !options.generateManifest && !existing;
  new NextSteps(project, nextSteps(images.map((image) => image.spec), project.name, workspace.manifestFile, seeded));
  return { workspace, images };
}

/** Prints what to do next when `projen new` is done. */
class NextSteps extends Component {
  constructor(project: PixiProject, private readonly text: string) {
    super(project);
  }

  public postProjectCreation(): void {
    console.log(this.text);
  }
}

const SAMPLE_SOURCE_README = [
  '# Sources',
  '',
  'This directory is copied to `/app/src` in every image (`sourceDir` in `.projenrc.js`). Put your code here.',
  '',
].join('\n');

function sampleReadme(name: string): string {
  return [
    `# ${name}`,
    '',
    'Container images of this pixi workspace, written by [projen-pixi](https://github.com/projen-pixi/projen-pixi)',
    'from `.projenrc.js`: change that file, then run `npx projen`.',
    '',
    '```sh',
    'pixi lock          # every image installs exactly what pixi.lock holds',
    `docker build -t ${name} .`,
    `docker run --rm ${name}`,
    '```',
    '',
  ].join('\n');
}

function isGpuName(environment: string): boolean {
  return environment === 'gpu' || environment === 'cuda';
}
