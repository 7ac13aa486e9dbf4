/**
 * Deliberate breakages of the properties the test suite guards. Each one is applied to the
 * source, the named test file must then fail; see run.ts.
 */
export interface Mutation {
  /** The property that gets broken. */
  readonly property: string;
  readonly file: string;
  readonly replace: string;
  readonly with: string;
  /** The test file that must catch it. */
  readonly test: string;
}

const OPTIMIZED = 'src/docker/render-optimized.ts';
const ENTRYPOINT = 'src/docker/render-entrypoint.ts';

export const MUTATIONS: Mutation[] = [
  {
    property: 'only the manifest and lock are copied before pixi install',
    file: OPTIMIZED,
    replace: 'lines.push(`COPY ${spec.manifestFile} ${LOCK_FILE} ./`);',
    with: 'lines.push(\'COPY . ./\');',
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'the syntax directive is the first line',
    file: OPTIMIZED,
    replace: "const lines: string[] = ['# syntax=docker/dockerfile:1'];",
    with: "const lines: string[] = ['# comment', '# syntax=docker/dockerfile:1'];",
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'pixi shell-hook does not re-solve after the install',
    file: OPTIMIZED,
    replace: 'pixi shell-hook ${spec.shellHookLockFlag} ',
    with: 'pixi shell-hook ',
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'the package cache is a BuildKit cache mount',
    file: OPTIMIZED,
    replace: '`RUN --mount=type=cache,target=${RATTLER_CACHE} \\\\`',
    with: "'RUN \\\\'",
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'the final stage holds no copy of the build context',
    file: OPTIMIZED,
    replace: '`COPY --from=build ${prefix} ${prefix}`,',
    with: "`COPY --from=build ${prefix} ${prefix}`, 'COPY . /app/context',",
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'dockerfile-utils finds nothing (relative WORKDIR)',
    file: OPTIMIZED,
    replace: '    `WORKDIR ${WORKDIR}`,\n    `COPY --from',
    with: "    'WORKDIR app',\n    `COPY --from",
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'shellcheck finds nothing in RUN scripts',
    file: OPTIMIZED,
    replace: '--shell bash > ${ACTIVATION_PATH}`',
    with: '--shell bash > $ACTIVATION`',
    test: 'test/docker/optimized.test.ts',
  },
  {
    property: 'the entrypoint execs the command (PID 1, signals)',
    file: ENTRYPOINT,
    replace: "'exec \"$@\"',",
    with: "'\"$@\"',",
    test: 'test/docker/entrypoint.test.ts',
  },
  {
    property: 'shellcheck finds nothing in the entrypoint',
    file: ENTRYPOINT,
    replace: "'exec \"$@\"',",
    with: "'exec $@',",
    test: 'test/docker/entrypoint.test.ts',
  },
  {
    property: 'the entrypoint runs the image command without arguments',
    file: ENTRYPOINT,
    replace: '`  set -- ${command}`,',
    with: "'  true',",
    test: 'test/docker/entrypoint.test.ts',
  },
  {
    property: 'TUTORIAL equals the lesson',
    file: 'src/docker/render-tutorial.ts',
    replace: "'COPY . .',",
    with: "'COPY . /app',",
    test: 'test/docker/tutorial.test.ts',
  },
  {
    property: 'environment names are validated',
    file: 'src/docker/pixi-image-spec.ts',
    replace: 'const ENVIRONMENT_NAME = /^[a-z\\d-]+$/;',
    with: 'const ENVIRONMENT_NAME = /^/;',
    test: 'test/docker/validation.test.ts',
  },
  {
    property: 'ENV and LABEL values cannot break out of their quotes',
    file: 'src/docker/dockerfile-text.ts',
    replace: '`"${value.replace(/[\\\\"$]/g, (c) => `\\\\${c}`)}"`',
    with: '`"${value}"`',
    test: 'test/docker/validation.test.ts',
  },
  {
    property: '.dockerignore keeps what the images copy',
    file: 'src/docker/docker-ignore.ts',
    replace: 'if (excluded.length > 0) {',
    with: 'if (excluded.length < 0) {',
    test: 'test/docker/docker-ignore.test.ts',
  },
  {
    property: 'generated pixi.toml equals the cuda-exercise manifest',
    file: 'src/pixi/authored.ts',
    replace: "'system-requirements': systemRequirements, ",
    with: '',
    test: 'test/pixi/authoring.test.ts',
  },
  {
    property: 'environments may only use defined features',
    file: 'src/pixi/authored.ts',
    replace: 'if (!Object.prototype.hasOwnProperty.call(features, f)) {',
    with: 'if (f === \'never\') {',
    test: 'test/pixi/validation.test.ts',
  },
  {
    property: 'the legacy [project] table is read',
    file: 'src/pixi/parsed.ts',
    replace: 'root.workspace ?? root.project',
    with: 'root.workspace',
    test: 'test/pixi/adopt.test.ts',
  },
  {
    property: 'CUDA comes from rich platforms too',
    file: 'src/pixi/model.ts',
    replace: 'return [...fromFeatures, ...fromPlatforms]',
    with: 'return [...fromFeatures]',
    test: 'test/pixi/adopt.test.ts',
  },
  {
    property: 'an image\'s environment must exist in the workspace',
    file: 'src/docker/pixi-image-spec.ts',
    replace: 'if (!workspace.hasEnvironment(environment)) {',
    with: 'if (!workspace.hasEnvironment(environment) && false) {',
    test: 'test/pixi/wiring.test.ts',
  },
  {
    property: 'the TUTORIAL workflow equals the lesson\'s',
    file: 'src/github/tutorial-workflow.ts',
    replace: "uses: 'actions/checkout@v4'",
    with: "uses: 'actions/checkout@v5'",
    test: 'test/github/tutorial.test.ts',
  },
  {
    property: 'checkout does not persist credentials',
    file: 'src/github/optimized-workflow.ts',
    replace: "with: { 'persist-credentials': false }",
    with: "with: { 'persist-credentials': true }",
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'pinned actions carry their version comment',
    file: 'src/github/actions.ts',
    replace: 'return version ? `${prefix}${ref} # ${version}` : line;',
    with: 'return line;',
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'each image and platform has its own cache scope',
    file: 'src/github/optimized-workflow.ts',
    replace: 'const scope = `${image.id}-\\${{ matrix.slug }}`;',
    with: "const scope = 'shared';",
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'no login on pull requests',
    file: 'src/github/optimized-workflow.ts',
    replace: 'loginStep(settings, NOT_PR),',
    with: 'loginStep(settings),',
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'run scripts are shellcheck-clean (actionlint/schema/shellcheck gate)',
    file: 'src/github/optimized-workflow.ts',
    replace: 'run: `docker run --rm "$IMAGE_REF" bash -c',
    with: 'run: `docker run --rm $IMAGE_REF bash -c',
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'arm64 needs linux-aarch64 in the workspace',
    file: 'src/github/ghcr-workflow-spec.ts',
    replace: 'if (subdirs.length > 0 && !subdirs.includes(PLATFORM_SUBDIRS[platform])) {',
    with: 'if (false) {',
    test: 'test/github/optimized.test.ts',
  },
  {
    property: 'e2e: the built image execs its command',
    file: ENTRYPOINT,
    replace: "'exec \"$@\"',",
    with: "'\"$@\"',",
    test: 'test/e2e/images.e2e.ts',
  },
  {
    property: 'e2e: a source-only edit does not re-run pixi install',
    file: OPTIMIZED,
    replace: 'lines.push(`COPY ${spec.manifestFile} ${LOCK_FILE} ./`);',
    with: "lines.push('COPY . ./');",
    test: 'test/e2e/images.e2e.ts',
  },
  {
    property: 'Apptainer script sections are shellcheck-clean',
    file: 'src/apptainer/render.ts',
    replace: '`cd ${WORKDIR} || exit 1`,',
    with: '`cd ${WORKDIR}`,',
    test: 'test/apptainer/definition.test.ts',
  },
  {
    property: 'Apptainer holds what the Dockerfile holds',
    file: 'src/apptainer/render.ts',
    replace: 'const fromBuild = [prefix, ACTIVATION_PATH, ',
    with: 'const fromBuild = [prefix, ',
    test: 'test/apptainer/definition.test.ts',
  },
  {
    property: 'the Apptainer push never runs on pull requests',
    file: 'src/github/optimized-workflow.ts',
    replace: "name: 'Push to GitHub Container Registry',\n        if: NOT_PR,",
    with: "name: 'Push to GitHub Container Registry',",
    test: 'test/apptainer/workflow.test.ts',
  },
  {
    property: 'Apptainer is set up by the SHA-pinned action, not a moving tag',
    file: 'src/github/optimized-workflow.ts',
    replace: 'uses: settings.uses(ACTIONS.setupApptainer)',
    with: "uses: 'eWaterCycle/setup-apptainer@v2'",
    test: 'test/apptainer/workflow.test.ts',
  },
  {
    property: 'an image refuses path dependencies whose sources no install input holds',
    file: 'src/docker/path-dependency-inputs.ts',
    replace: 'if (inputs.length === 0) {',
    with: 'if (inputs.length < 0) {',
    test: 'test/docker/path-dependencies.test.ts',
  },
  {
    property: 'e2e: an editable path dependency keeps its sources in the final image',
    file: 'src/docker/render-optimized.ts',
    replace: 'for (const input of spec.runtimeInputs) lines.push(',
    with: 'for (const input of [] as string[]) lines.push(',
    test: 'test/e2e/images.e2e.ts',
  },
];
