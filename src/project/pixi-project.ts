import { existsSync } from 'fs';
import { join } from 'path';
import { Component, github, ProjenrcFile, SampleReadme } from 'projen';
import { addJobFiles } from './job-files';
import { checkProjectOptions } from './option-checks';
import { isProjenNew, OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { BootstrapProjenrc, checkCommandLine, checkNumberSwitches, failedProjenNew, leftBehindByProjenNew, nextSteps, refuseExistingProject } from './projen-new';
import { repositoryLines } from './repository-files';
import { projectNaming } from './restate';
import { inferSelfInstall } from './self-install';
import { chooseSources, sourcesOfSwitches } from './sources';
import { ImageToTry, tryCommands } from './try-commands';
import { projectWorkspace, WORKSPACE_SEED_OPTIONS } from './workspace-options';
import { ApptainerDefinition } from '../apptainer/apptainer-definition';
import { DockerIgnore } from '../docker/docker-ignore';
import { parseImageReference } from '../docker/image-reference';
import { IMAGE_CONTENT_FIELDS, IMAGE_OPTIONS } from '../docker/option-shapes';
import { ImageSource } from '../docker/options';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { DEFAULT_BASE_IMAGE } from '../docker/pixi-docker-image-spec';
import { isUserError, shownBriefly, reportUserErrorsBriefly } from '../errors/brief-report';
import { namingRefusals } from '../errors/refusal-naming';
import { GHCR_WORKFLOW_OPTIONS, GhcrWorkflow } from '../github/ghcr-workflow';
import { PixiTestWorkflow } from '../github/pixi-test-workflow';
import { LOCK_FILE } from '../pixi/manifest-file';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { RenovateConfig } from '../renovate/renovate-config';
import { projenrcFileOf } from '../util/projenrc-marker';
import { builtChecked } from '../util/shape';
import { invalidOption } from '../util/validate';

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
  /** The GHCR workflow that builds and publishes the images (`addOverride` for what no option covers). */
  public readonly dockerWorkflow: GhcrWorkflow;

  /**
   * @param options project options; invalid or unknown ones throw here, before anything is written
   */
  public constructor(options: PixiProjectOptions) {
    // Uncaught, a refusal prints its message alone (PROJEN_PIXI_DEBUG=1 shows the stack).
    reportUserErrorsBriefly();
    // projen new creates the root project; a PixiProject inside another project type is not what it was asked for.
    const creating = isProjenNew() && options?.parent === undefined;
    const names = creating ? OptionNames.CLI : OptionNames.API;
    // Every refusal made while the project is built names the PixiProject option (or switch) the value came from.
    const naming = (outdir: string) => projectNaming(names, creating ? () => leftBehindByProjenNew(outdir) : undefined);
    const given = options?.outdir ?? process.cwd();
    const checked = namingRefusals(naming(given), () => reported(creating, given, () => {
      if (creating) {
        checkCommandLine(process.argv);
        refuseExistingProject(given);
        checkNumberSwitches(process.argv);
      }
      // projen new hands --sources over as its words.
      const switched = creating && options?.sources !== undefined;
      return checkProjectOptions(switched ? { ...options, sources: sourcesOfSwitches(options.sources) as ImageSource[] } : options, names);
    }));
    super({
      ...checked,
      // A pixi user did not ask for conventional-commit pull request titles; githubOptions turns it on.
      githubOptions: { pullRequestLint: false, ...checked.githubOptions },
      // Replaced in build() by one whose commands fit the images (which are not known yet).
      readme: checked.readme ?? { contents: `# ${checked.name}\n` },
    });
    const built = namingRefusals(naming(this.outdir), () => reported(creating, this.outdir, () => build(this, checked, names, creating)));
    this.workspace = built.workspace;
    this.images = built.images;
    this.dockerWorkflow = built.dockerWorkflow;
  }
}

/**
 * Runs a step of the construction. While `projen new` runs, a refusal shows as its message alone,
 * and any other error (a bug) also says what projen new left behind.
 */
function reported<T>(creating: boolean, outdir: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!creating) throw error;
    throw shownBriefly(isUserError(error) ? error : failedProjenNew(error, outdir));
  }
}

/** Everything of the project but projen's own files. */
function build(project: PixiProject, given: PixiProjectOptions, names: OptionNames, creating: boolean) {
  const lines = repositoryLines(project, given, names, creating);
  project.gitignore.exclude('node_modules/');
  const { workspace, seeded } = projectWorkspace(project, given, names);
  const environments = given.environments ?? ['default'];
  // projen new finds what a pyproject.toml that installs itself needs, and writes it into .projenrc.js.
  const decidable = creating && (['installInputs', 'sourceDir', 'copySources', 'sources'] as const).every((option) => given[option] === undefined);
  const selfInstall = decidable ? inferSelfInstall(project.outdir, workspace, environments) : undefined;
  const options: PixiProjectOptions = selfInstall ? { ...given, ...selfInstall } : given;
  const sources = chooseSources(project, options, names);

  // Every image gets the project's image options as given (checked already), with its own environment and files.
  const content = pickDefined(options, Object.keys(IMAGE_CONTENT_FIELDS));
  const images = environments.map((environment) => new PixiDockerImage(project, builtChecked(IMAGE_OPTIONS, {
    ...content,
    environment,
    dockerfile: environments.length === 1 ? 'Dockerfile' : `Dockerfile.${environment}`,
    ...(options.sources === undefined ? { sourceDir: sources.sourceDir, copySources: sources.copySources } : {}),
    platform: options.imagePlatform,
  })));
  new DockerIgnore(project);
  if (options.apptainer) {
    if (images.some((image) => image.spec.entrypointFile === undefined)) {
      throw invalidOption(names.owner, names.of('apptainer'), options.apptainer,
        `false with ${names.of('finalImage')} ${JSON.stringify(options.finalImage)}: that image has no shell (distroless), and Apptainer runs its scripts with /bin/sh`);
    }
    for (const image of images) new ApptainerDefinition(project, { image });
  }
  addJobFiles(project, images, options, names);
  // Checked with PixiProject's options already.
  const dockerWorkflow = new GhcrWorkflow(project, builtChecked(GHCR_WORKFLOW_OPTIONS, { ...options.dockerWorkflow }));
  if (!(options.testWorkflow ?? true) && options.testTasks !== undefined) {
    throw invalidOption(names.owner, names.of('testTasks'), options.testTasks, `nothing with ${names.of('testWorkflow')} off: only the test workflow runs them`);
  }
  if (options.testWorkflow ?? true) new PixiTestWorkflow(project, { environments, tasks: options.testTasks });
  if (options.renovate ?? true) {
    if (options.renovatebot) {
      throw invalidOption(names.owner, names.of('renovatebot'), options.renovatebot,
        `false while ${names.of('renovate')} is on: both write renovate.json5, and projen's Renovatebot would open pull requests against generated files`);
    }
    // projen new writes .projenrc.js after synthesis, with the images in it (BootstrapProjenrc).
    const projenrcImages = creating ? [...new Set(images.flatMap((image) => [image.spec.baseImage, image.spec.finalImage])
      .map((reference) => parseImageReference(names.owner, 'baseImage', reference).name))] : [];
    new RenovateConfig(project, { projenrcImages });
  }

  // `.projenrc.js`: with what projen new found in the repository, without what the manifest now holds.
  // Not in a subproject (the root's projenrc runs it) nor beside a projenrc of projen's (projenrcJson).
  if (!project.parent && ProjenrcFile.of(project) === undefined) {
    new BootstrapProjenrc(project, (args) => {
      const rewritten: Record<string, unknown> = { ...args, ...lines };
      for (const option of ['gitignore', 'gitattributes'] as const) if (lines[option].length === 0) delete rewritten[option];
      if (sources.found) rewritten.sourceDir = sources.sourceDir;
      // As structs: projen would write the words of --sources.
      if (options.sources !== undefined) rewritten.sources = options.sources;
      if (selfInstall) Object.assign(rewritten, selfInstall);
      if (!options.generateManifest) for (const option of WORKSPACE_SEED_OPTIONS) delete rewritten[option];
      // Where Renovate can pin and update it (RenovateConfig's custom manager reads .projenrc).
      if ((options.renovate ?? true) && rewritten.baseImage === undefined) rewritten.baseImage = DEFAULT_BASE_IMAGE;
      return rewritten;
    }, `given to projen new; ${workspace.manifestFile} holds it now and is yours: change it there (pixi add)`);
  }
  if (!options.readme) replaceSampleReadme(project, sampleReadme(project, images.map((image) => image.spec)));
  const locked = existsSync(join(project.outdir, LOCK_FILE));
  const inferred = selfInstall ? [
    `${workspace.manifestFile} installs itself (path = "."): every image copies ${selfInstall.installInputs.join(', ')} before pixi install`
    + ` (--install-inputs${selfInstall.copySources === false ? ', and --no-copy-sources: the package is in the image already' : ''}; kept in .projenrc.js).`,
  ] : [];
  new NextSteps(project, [...inferred, nextSteps(images.map((image) => image.spec), project.name, workspace.manifestFile, seeded, locked)].join('\n'));
  return { workspace, images, dockerWorkflow };
}

/** The options of `names` that are given. */
function pickDefined(options: object, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([name, value]) => names.includes(name) && value !== undefined));
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

/** Puts `contents` in place of the sample README that GitHubProject made from the options alone. */
function replaceSampleReadme(project: PixiProject, contents: string): void {
  const placeholder = project.components.find((component) => component instanceof SampleReadme);
  if (placeholder) project.node.tryRemoveChild(placeholder.node.id);
  new SampleReadme(project, { contents });
}

function sampleReadme(project: PixiProject, images: ReadonlyArray<ImageToTry>): string {
  const { builds, runs } = tryCommands(images, project.name);
  return [
    `# ${project.name}`,
    '',
    'Container images of this pixi workspace, written by [projen-pixi](https://github.com/projen-pixi/projen-pixi)',
    `from \`${projenrcFileOf(project)}\`: change that file, then run \`npx projen\`.`,
    '',
    '```sh',
    'pixi lock          # every image installs exactly what pixi.lock holds',
    ...builds,
    ...runs,
    '```',
    '',
  ].join('\n');
}
