import { github } from 'projen';
import { ACTIONS, APPTAINER_VERSION, PinnedAction } from './actions';
import { BuildCache, DefaultImageTag, ImagePlatform } from './options';
import { RegistryCredentials } from './registries';
import { triggers, unique } from './triggers';
import { inContext, triggerPaths, WorkflowImage } from './workflow-images';
import { StepInputs, Workflow } from './workflow-model';
import { WORKFLOW_FILE, WorkflowSettings } from './workflow-settings';
import { shellQuote } from '../docker/dockerfile-text';
import { FinalImageKind } from '../docker/recipe';

type Job = github.workflows.Job;
type JobStep = github.workflows.JobStep;
const { READ, WRITE } = github.workflows.JobPermission;

/** What every job reads: the resolved settings, and the `uses:` reference of an action (after overrides). */
interface Context {
  readonly settings: WorkflowSettings;
  readonly uses: (action: PinnedAction) => string;
}

/** A job for pull requests (a fork's above all): no write permission, no secret, nothing pushed or cached. */
const PULL_REQUEST = 'github.event_name == \'pull_request\'';
/** A job for every other event: the branches, tags and releases of the repository, and manual runs. */
const NOT_PR = 'github.event_name != \'pull_request\'';
const PLATFORM_RUNNERS: Record<ImagePlatform, string> = {
  [ImagePlatform.LINUX_AMD64]: 'ubuntu-24.04',
  [ImagePlatform.LINUX_ARM64]: 'ubuntu-24.04-arm',
};

/**
 * WorkflowRecipe.OPTIMIZED: per image, a `check-<id>` job for pull requests (read-only token, no secrets,
 * nothing pushed or cached) and, for every other event, a `build-<id>` job (pushed by digest, cached,
 * with SBOM and provenance) and a `publish-<id>` job that tags the multi-arch index and attests it. Each
 * build job has one matrix entry per platform. Job permissions cannot depend on the event, so a job a pull
 * request can start never holds a write permission.
 */
export function optimizedWorkflow(images: WorkflowImage[], settings: WorkflowSettings, uses: (action: PinnedAction) => string): Workflow {
  const context: Context = { settings, uses };
  const jobs: Record<string, Job> = {};
  for (const image of images) {
    jobs[`check-${image.id}`] = buildJob(image, context, false);
    jobs[`build-${image.id}`] = buildJob(image, context, true);
    jobs[`publish-${image.id}`] = publishJob(image, context);
    if (image.apptainer) {
      jobs[`sif-check-${image.id}`] = apptainerJob(image, context, false);
      jobs[`apptainer-${image.id}`] = apptainerJob(image, context, true);
    }
  }
  return {
    name: settings.name,
    // Editing the workflow file itself rebuilds.
    on: triggers(settings.branches, unique([...images.flatMap(triggerPaths), WORKFLOW_FILE]), false),
    // Supersede pull-request runs; never cancel a push that may be publishing.
    concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: '${{ github.event_name == \'pull_request\' }}' },
    permissions: {},
    jobs,
  };
}

/**
 * A hosted runner has about 14 GB free; a CUDA environment, its package cache and the image layers
 * need more. Removing preinstalled toolchains no image uses (Android SDK, .NET, Haskell, CodeQL: about
 * 30 GB) is what public pixi image repositories do before such builds.
 */
const FREE_DISK_SPACE: JobStep = {
  name: 'Free disk space',
  run: [
    'df -h /',
    'sudo rm -rf /usr/local/lib/android /usr/share/dotnet /opt/ghc /usr/local/.ghcup /opt/hostedtoolcache/CodeQL',
    'df -h /',
    '',
  ].join('\n'),
};

/**
 * The build step's `cache-from` and `cache-to` inputs. Only trusted events write a cache (cache poisoning:
 * what a pull request builds must never be what a push to main restores); pull requests read it.
 */
function cacheInputs(image: WorkflowImage, trusted: boolean): StepInputs {
  const scope = `${image.id}-\${{ matrix.slug }}`;
  switch (image.buildCache) {
    case BuildCache.GITHUB_ACTIONS:
      return { 'cache-from': `type=gha,scope=${scope}`, ...(trusted ? { 'cache-to': `type=gha,mode=max,scope=${scope}` } : {}) };
    case BuildCache.REGISTRY: {
      // A package of its own, so that the image's tags list no cache manifests; image-manifest for GHCR.
      const ref = `\${{ steps.image.outputs.name }}/buildcache:${scope}`;
      return {
        'cache-from': `type=registry,ref=${ref}`,
        ...(trusted ? { 'cache-to': `type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true` } : {}),
      };
    }
    case BuildCache.NONE:
      return {};
  }
}

/**
 * One build per platform of the image. Trusted (any event but a pull request): pushed by digest with
 * its SBOM and provenance, and cached. Untrusted (a pull request, a fork's above all): built, loaded
 * and smoke-tested with a read-only token.
 */
function buildJob(image: WorkflowImage, context: Context, trusted: boolean): Job {
  return {
    name: `${trusted ? 'Build' : 'Check'} ${image.id} (\${{ matrix.platform }})`,
    if: trusted ? NOT_PR : PULL_REQUEST,
    runsOn: ['${{ matrix.runner }}'],
    timeoutMinutes: 120,
    permissions: trusted ? { contents: READ, packages: WRITE } : { contents: READ, ...(logsIn(image, trusted) ? { packages: READ } : {}) },
    strategy: { failFast: false, matrix: { include: image.platforms.map((platform) => matrixEntry(platform, context.settings)) } },
    steps: [
      ...setUpSteps(image, context, trusted),
      { name: 'Build', id: 'build', uses: context.uses(ACTIONS.buildPush), with: buildInputs(image, trusted) },
      smokeTestStep(image, context.settings, trusted),
      ...testCommandSteps(context.settings, trusted),
      ...(trusted ? digestSteps(image, context) : []),
    ],
  };
}

/** A pull request reads a registry cache with its own read-only token (a fork gets no other); a miss is a warning. */
function logsIn(image: WorkflowImage, trusted: boolean): boolean {
  return trusted || image.buildCache === BuildCache.REGISTRY;
}

/** A platform's runner: native, or amd64 with QEMU. */
function matrixEntry(platform: ImagePlatform, settings: WorkflowSettings): Record<string, string> {
  return {
    platform,
    runner: settings.qemu ? PLATFORM_RUNNERS[ImagePlatform.LINUX_AMD64] : PLATFORM_RUNNERS[platform],
    slug: platform.replace(/\//g, '-'),
  };
}

/** Everything a build job does before it builds. */
function setUpSteps(image: WorkflowImage, context: Context, trusted: boolean): JobStep[] {
  return [
    ...(image.freesDiskSpace ? [FREE_DISK_SPACE] : []),
    ...checkoutSteps(context),
    imageNameStep(context.settings),
    metadataStep(image, context),
    ...(context.settings.qemu ? [{ name: 'Set up QEMU', uses: context.uses(ACTIONS.setupQemu) }] : []),
    { name: 'Set up Docker Buildx', uses: context.uses(ACTIONS.setupBuildx) },
    ...(logsIn(image, trusted) ? [loginStep(context)] : []),
    // Secrets are for the jobs that push alone: a pull request pulls without them.
    ...(trusted ? context.settings.pullRegistries.map((login) => registryLoginStep(login, context, 'to pull from')) : []),
  ];
}

/** The checkout, as the user asked for it, and the user's steps before the build. */
function checkoutSteps(context: Context): JobStep[] {
  return [
    { name: 'Checkout', uses: context.uses(ACTIONS.checkout), with: { 'persist-credentials': false, ...context.settings.checkout } },
    ...context.settings.preBuildSteps.map((step) => ({ ...step })),
  ];
}

/** The build step's inputs. */
function buildInputs(image: WorkflowImage, trusted: boolean): StepInputs {
  const build: StepInputs = {
    context: image.context,
    file: inContext(image, image.spec.dockerfile),
    platforms: '${{ matrix.platform }}',
    pull: true,
    labels: '${{ steps.meta.outputs.labels }}',
    annotations: '${{ steps.meta.outputs.annotations }}',
  };
  const output: StepInputs = trusted
    // Tagged once, in publish: here the platform's image goes by digest, with its SBOM and full provenance.
    ? { outputs: 'type=image,name=${{ steps.image.outputs.name }},push-by-digest=true,name-canonical=true,push=true', sbom: true, provenance: 'mode=max' }
    // Loaded into the runner's Docker for the smoke test; the docker exporter keeps no attestations.
    : { tags: '${{ steps.meta.outputs.tags }}', outputs: 'type=docker', sbom: false, provenance: false };
  return { ...build, ...output, ...cacheInputs(image, trusted), ...secretInputs(image, trusted) };
}

/** The image's build secrets, from the repository secrets of the same names: for the builds that push alone. */
function secretInputs(image: WorkflowImage, trusted: boolean): StepInputs {
  const ids = image.spec.buildSecrets;
  return trusted && ids.length > 0 ? { secrets: ids.map((id) => `${id}=\${{ secrets.${id} }}`).join('\n') + '\n' } : {};
}

/** Hands the pushed digest to the publish job. */
function digestSteps(image: WorkflowImage, context: Context): JobStep[] {
  return [
    {
      name: 'Export digest',
      env: { DIGEST: '${{ steps.build.outputs.digest }}' },
      run: 'mkdir -p "$RUNNER_TEMP/digests"\ntouch "$RUNNER_TEMP/digests/${DIGEST#sha256:}"\n',
    },
    {
      name: 'Upload digest',
      uses: context.uses(ACTIONS.uploadArtifact),
      with: {
        'name': `digests-${image.id}-\${{ matrix.slug }}`,
        'path': '${{ runner.temp }}/digests/*',
        'if-no-files-found': 'error',
        'retention-days': 1,
      },
    },
  ];
}

function publishJob(image: WorkflowImage, context: Context): Job {
  const { settings, uses } = context;
  const permissions: github.workflows.JobPermissions = {
    contents: READ, packages: WRITE, ...(settings.attest ? { idToken: WRITE, attestations: WRITE } : {}),
  };
  const steps: JobStep[] = [
    {
      name: 'Download digests',
      uses: uses(ACTIONS.downloadArtifact),
      with: { 'path': '${{ runner.temp }}/digests', 'pattern': `digests-${image.id}-*`, 'merge-multiple': true },
    },
    imageNameStep(settings),
    loginStep(context),
    ...settings.extraRegistries.map((target) => registryLoginStep(target, context, 'to publish to')),
    { name: 'Set up Docker Buildx', uses: uses(ACTIONS.setupBuildx) },
    { ...metadataStep(image, context, settings.extraRegistries.map((target) => target.image)), env: { DOCKER_METADATA_ANNOTATIONS_LEVELS: 'index' } },
    {
      // One index from the pushed digests, written under every tag of every registry: one digest for all names.
      name: 'Create the tagged index',
      id: 'index',
      env: { IMAGE: '${{ steps.image.outputs.name }}' },
      run: [
        'mapfile -t tags < <(jq -r \'.tags[] | "--tag=" + .\' <<< "$DOCKER_METADATA_OUTPUT_JSON")',
        'mapfile -t annotations < <(jq -r \'.annotations[] | "--annotation=" + .\' <<< "$DOCKER_METADATA_OUTPUT_JSON")',
        'sources=()',
        'for file in "$RUNNER_TEMP"/digests/*; do sources+=("${IMAGE}@sha256:${file##*/}"); done',
        'docker buildx imagetools create "${tags[@]}" "${annotations[@]}" "${sources[@]}"',
        'first_tag=$(jq -r \'.tags[0]\' <<< "$DOCKER_METADATA_OUTPUT_JSON")',
        'digest=$(docker buildx imagetools inspect "$first_tag" --format \'{{json .Manifest}}\' | jq -r .digest)',
        'echo "digest=${digest}" >> "$GITHUB_OUTPUT"',
        '',
      ].join('\n'),
    },
  ];
  if (settings.attest) {
    steps.push({
      name: 'Attest provenance',
      uses: uses(ACTIONS.attest),
      with: {
        'subject-name': '${{ steps.image.outputs.name }}',
        'subject-digest': '${{ steps.index.outputs.digest }}',
        'push-to-registry': true,
      },
    });
  }
  return {
    name: `Publish ${image.id}`,
    if: NOT_PR,
    needs: [`build-${image.id}`],
    runsOn: [PLATFORM_RUNNERS[ImagePlatform.LINUX_AMD64]],
    timeoutMinutes: 15,
    permissions,
    steps,
  };
}

/**
 * Builds the `.sif` from the Apptainer definition and runs its `%test`; trusted (not a pull request), it
 * also pushes it to GHCR (ORAS), and only then holds `packages: write` and the token.
 */
function apptainerJob(image: WorkflowImage, context: Context, trusted: boolean): Job {
  const { settings, uses } = context;
  const definition = image.apptainer!;
  const env = { CONTEXT: image.context, DEFINITION: definition.file, SIF: definition.sifFile };
  const steps: JobStep[] = [
    ...(image.freesDiskSpace ? [FREE_DISK_SPACE] : []),
    ...checkoutSteps(context),
    // The package to push to; a pull request pushes nothing.
    ...(trusted && settings.apptainerPackage === undefined ? [imageNameStep(settings)] : []),
    { name: 'Install Apptainer', uses: uses(ACTIONS.setupApptainer), with: { 'apptainer-version': APPTAINER_VERSION } },
    ...(trusted ? settings.pullRegistries.map(apptainerLoginStep) : []),
    { name: 'Build the image', env: { ...env }, run: 'cd "$CONTEXT" || exit 1\nsudo apptainer build "$SIF" "$DEFINITION"\n' },
    { name: 'Test the image', env: { ...env }, run: 'cd "$CONTEXT" || exit 1\napptainer test "$SIF"\n' },
  ];
  if (trusted) {
    steps.push({
      name: 'Push to GitHub Container Registry',
      // A package of its own (`<image>/apptainer`), so that `docker pull` never meets a SIF among the image's tags.
      env: { ...env, PACKAGE: settings.apptainerPackage ?? '${{ steps.image.outputs.name }}/apptainer', TAG: image.apptainerTag, TOKEN: '${{ github.token }}' },
      run: [
        'cd "$CONTEXT" || exit 1',
        'echo "$TOKEN" | apptainer registry login --username "$GITHUB_ACTOR" --password-stdin oras://ghcr.io',
        'apptainer push "$SIF" "oras://${PACKAGE}:${TAG}"',
        'apptainer push "$SIF" "oras://${PACKAGE}:${TAG}-sha-${GITHUB_SHA::7}"',
        '',
      ].join('\n'),
    });
  }
  return {
    name: `Apptainer ${image.id}${trusted ? '' : ' (check)'}`,
    if: trusted ? NOT_PR : PULL_REQUEST,
    runsOn: [PLATFORM_RUNNERS[ImagePlatform.LINUX_AMD64]],
    timeoutMinutes: 120,
    permissions: trusted ? { contents: READ, packages: WRITE } : { contents: READ },
    steps,
  };
}

function imageNameStep(settings: WorkflowSettings): JobStep {
  return settings.imageName
    ? { name: 'Image name', id: 'image', env: { IMAGE_NAME: settings.imageName }, run: 'echo "name=${IMAGE_NAME}" >> "$GITHUB_OUTPUT"\n' }
    // Registries need lower-case names; owners and repositories may have capitals.
    : { name: 'Image name', id: 'image', run: 'echo "name=ghcr.io/${GITHUB_REPOSITORY,,}" >> "$GITHUB_OUTPUT"\n' };
}

/** The metadata-action expressions of OPTIMIZED's own tags. */
const DEFAULT_TAG_EXPRESSIONS: Record<DefaultImageTag, string[]> = {
  [DefaultImageTag.LATEST]: ['type=raw,value=latest,enable={{is_default_branch}}'],
  [DefaultImageTag.SHA]: ['type=sha'],
  [DefaultImageTag.SEMVER]: ['type=semver,pattern={{version}}', 'type=semver,pattern={{major}}.{{minor}}'],
};

/** The tags of the images, for every name they are published under (a pull request's check loads it as `pr-<number>`). */
function metadataStep(image: WorkflowImage, context: Context, extraImages: string[] = []): JobStep {
  const { settings } = context;
  const tags = [
    ...settings.defaultTags.flatMap((tag) => DEFAULT_TAG_EXPRESSIONS[tag]),
    'type=ref,event=pr',
    ...settings.tags,
    ...settings.rawTags.map((tag) => `type=raw,value=${tag}`),
  ];
  const images = ['${{ steps.image.outputs.name }}', ...extraImages];
  const withInputs: StepInputs = { images: images.length === 1 ? images[0] : images.map((name) => `${name}\n`).join(''), tags: tags.map((t) => `${t}\n`).join('') };
  if (image.tagSuffix) withInputs.flavor = `suffix=${image.tagSuffix},onlatest=true\n`;
  return { name: 'Docker meta', id: 'meta', uses: context.uses(ACTIONS.metadata), with: withInputs };
}

/** The job's own token, whose permissions the job declares (read-only in a pull request's jobs). */
function loginStep(context: Context): JobStep {
  return {
    name: 'Log in to GitHub Container Registry',
    uses: context.uses(ACTIONS.login),
    with: { registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ github.token }}' },
  };
}

/** A login with repository secrets: only in the jobs that push, which a pull request never runs. */
function registryLoginStep(login: RegistryCredentials, context: Context, purpose: string): JobStep {
  const username = 'secret' in login.username ? `\${{ secrets.${login.username.secret} }}` : login.username.name;
  return {
    name: `Log in ${purpose} ${login.registry}`,
    uses: context.uses(ACTIONS.login),
    with: { registry: login.registry, username, password: `\${{ secrets.${login.passwordSecret} }}` },
  };
}

/** Apptainer pulls the definition's base image itself, with its own login. */
function apptainerLoginStep(login: RegistryCredentials): JobStep {
  return {
    name: `Log Apptainer in to ${login.registry}`,
    env: {
      REGISTRY: login.registry,
      USERNAME: 'secret' in login.username ? `\${{ secrets.${login.username.secret} }}` : login.username.name,
      PASSWORD: `\${{ secrets.${login.passwordSecret} }}`,
    },
    run: 'echo "$PASSWORD" | apptainer registry login --username "$USERNAME" --password-stdin "docker://${REGISTRY}"\n',
  };
}

/** The user's commands, each a step of its own, in the image as the smoke test runs it. */
function testCommandSteps(settings: WorkflowSettings, trusted: boolean): JobStep[] {
  const imageRef = trusted ? '${{ steps.image.outputs.name }}@${{ steps.build.outputs.digest }}' : '${{ steps.build.outputs.imageid }}';
  return settings.testCommands.map((command, i) => ({
    name: `Test ${i + 1}: ${command}`,
    env: { IMAGE_REF: imageRef, TEST_COMMAND: command },
    run: 'docker run --rm "$IMAGE_REF" bash -c "$TEST_COMMAND"\n',
  }));
}

/** Runs against the pushed digest when trusted, against the loaded image in a pull request. */
function smokeTestStep(image: WorkflowImage, settings: WorkflowSettings, trusted: boolean): JobStep {
  const prefix = image.spec.environmentPrefix;
  const env = { IMAGE_REF: trusted ? '${{ steps.image.outputs.name }}@${{ steps.build.outputs.digest }}' : '${{ steps.build.outputs.imageid }}' };
  if (settings.smokeTest) {
    return { name: 'Smoke test', env, run: `docker run --rm "$IMAGE_REF" ${settings.smokeTest.map(shellQuote).join(' ')}\n` };
  }
  if (image.spec.finalImageKind === FinalImageKind.DISTROLESS) {
    // No shell in the image: check the activation variables its configuration sets (`create` pulls a pushed digest).
    return {
      name: 'Smoke test: the environment is activated',
      env,
      run: [
        'container=$(docker create "$IMAGE_REF" true)',
        `docker inspect --format '{{json .Config.Env}}' "$container" | grep -F ${shellQuote(`"CONDA_PREFIX=${prefix}"`)}`,
        'docker rm "$container" > /dev/null',
        '',
      ].join('\n'),
    };
  }
  const check = `test "$CONDA_PREFIX" = ${prefix} && test "\${PATH%%:*}" = ${prefix}/bin`;
  return {
    name: 'Smoke test: the environment is activated',
    env,
    run: `docker run --rm "$IMAGE_REF" bash -c ${shellQuote(check)}\n`,
  };
}
