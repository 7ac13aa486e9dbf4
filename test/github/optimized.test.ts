import { github, Project, Testing } from 'projen';
import { parse } from 'yaml';
import { BuildCache, GhcrWorkflow, GhcrWorkflowOptions, GhcrWorkflowSpec, ImagePlatform, PixiDockerImage, PixiDockerImageSpec, PixiWorkspace, WorkflowRecipe } from '../../src';
import { tempImageRepository, tempRepository } from '../helpers/project';
import { securityFindings } from '../helpers/workflow-security';
import { workflowFindings } from '../helpers/workflow-validators';

const WORKFLOW = '.github/workflows/docker.yaml';
/** Build secrets of the image that installs from a private index and channel. */
const PRIVATE_SECRETS = ['UV_INDEX_LAB_PASSWORD', 'RATTLER_AUTH_FILE'];

interface Layout {
  /** Put the workspace and images in a subproject, as the lesson does. */
  readonly subproject?: boolean;
  /** Give the root projen's GitHub component (its action overrides then apply). */
  readonly gitHub?: boolean;
  readonly images?: ('cpu' | 'gpu' | 'distroless' | 'private')[];
  readonly arm64?: boolean;
}

/** A repository with the cuda-exercise workspace and some of its images, plus the workflow. */
function repository(layout: Layout, options: GhcrWorkflowOptions = {}): { root: Project; workflow: GhcrWorkflow } {
  const root = new Project({ name: 'repo', outdir: tempRepository('cuda-exercise/app') });
  if (layout.gitHub) new github.GitHub(root, { mergify: false, pullRequestLint: false });
  const project = layout.subproject ? new Project({ name: 'cuda-exercise', parent: root, outdir: 'cuda-exercise' }) : root;
  new PixiWorkspace(project, {
    platforms: layout.arm64 ? ['linux-64', 'linux-aarch64'] : ['linux-64'],
    features: { cpu: {}, gpu: { systemRequirements: { cuda: '12' } } },
    environments: { cpu: { features: ['cpu'] }, gpu: { features: ['gpu'] } },
  });
  for (const kind of layout.images ?? ['gpu']) {
    if (kind === 'private') {
      new PixiDockerImage(project, { environment: 'cpu', dockerfile: 'Dockerfile.private', buildSecrets: PRIVATE_SECRETS }); // id: cpu
    } else if (kind === 'distroless') {
      new PixiDockerImage(project, { environment: 'cpu', dockerfile: 'Dockerfile.distroless', finalImage: 'gcr.io/distroless/base-debian12' });
    } else {
      new PixiDockerImage(project, { environment: kind, dockerfile: `Dockerfile.${kind}`, command: ['python', 'src/main.py'] });
    }
  }
  const workflow = new GhcrWorkflow(root, options);
  return { root, workflow };
}

function synthWorkflow(layout: Layout, options: GhcrWorkflowOptions = {}): string {
  return Testing.synth(repository(layout, options).root)[WORKFLOW];
}

const VARIANTS: [string, Layout, GhcrWorkflowOptions][] = [
  ['one image', {}, {}],
  ['one image, in a root with projen\'s GitHub component', { gitHub: true }, {}],
  ['cpu and gpu images in a subproject', { subproject: true, images: ['cpu', 'gpu'] }, {}],
  ['amd64 and arm64', { arm64: true, images: ['cpu', 'gpu'] }, { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64] }],
  ['amd64 and arm64 under QEMU, no attestation', { arm64: true }, { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64], qemu: true, attest: false }],
  ['registry cache for a multi-arch CPU image, none for the CUDA image', { arm64: true, images: ['cpu', 'gpu'] },
    { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64], buildCache: BuildCache.REGISTRY }],
  ['no build cache', {}, { buildCache: BuildCache.NONE }],
  ['an image with build secrets beside one without', { images: ['private', 'gpu'] }, {}],
  ['a distroless image, a fixed image name, extra tags and a smoke test', { images: ['distroless'] },
    { imageName: 'ghcr.io/my-lab/cuda-exercise', tags: ['type=raw,value=noble-cuda-12.9'], smokeTest: ['python', '-c', 'print("it\'s $HOME")'] }],
];

describe.each(VARIANTS)('WorkflowRecipe.OPTIMIZED: %s', (_name, layout, options) => {
  const text = synthWorkflow(layout, options);
  const workflow = parse(text);
  const jobs = Object.entries<any>(workflow.jobs);
  const steps = jobs.flatMap(([, job]) => job.steps);

  test('has zero findings from actionlint, the SchemaStore schema and shellcheck', async () => {
    expect(await workflowFindings(text)).toEqual([]);
  });

  test('pins every action by full commit SHA with a version comment', () => {
    const uses = text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBeGreaterThan(0);
    for (const line of uses) expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+\.\d+)?$/);
  });

  test('passes every workflow security rule (zizmor\'s audits): no pull request holds a write permission or a secret, pushes or caches', () => {
    expect(securityFindings(text)).toEqual([]);
  });

  test('grants nothing at the top and least privilege per job: pull requests read, pushes write packages, publish attests', () => {
    expect(workflow.permissions).toEqual({});
    for (const [id, job] of jobs) {
      const attesting = job.steps.some((s: any) => s.uses?.startsWith('actions/attest@'));
      const logsIn = job.steps.some((s: any) => s.uses?.startsWith('docker/login-action@'));
      const expected: Record<string, string> = id.includes('check-')
        ? { contents: 'read', ...(logsIn ? { packages: 'read' } : {}) }
        : { contents: 'read', packages: 'write' };
      if (attesting) Object.assign(expected, { 'id-token': 'write', 'attestations': 'write' });
      expect([id, job.permissions]).toEqual([id, expected]);
    }
  });

  test('checks out without persisting credentials and keeps expressions out of run scripts', () => {
    for (const step of steps.filter((s: any) => s.uses?.startsWith('actions/checkout@'))) {
      expect(step.with['persist-credentials']).toBe(false);
    }
    for (const step of steps.filter((s: any) => s.run)) expect(step.run).not.toContain('${{');
  });

  test('cancels superseded pull-request runs only', () => {
    expect(workflow.concurrency['cancel-in-progress']).toBe('${{ github.event_name == \'pull_request\' }}');
  });

  test('builds each image once per platform: pull requests load and smoke-test it, other events push it by digest with SBOM and provenance', () => {
    const buildJobs = jobs.filter(([id]) => /^(check|build)-/.test(id));
    expect(buildJobs.length).toBe(2 * jobs.filter(([id]) => id.startsWith('publish-')).length);
    for (const [id, job] of buildJobs) {
      const trusted = id.startsWith('build-');
      expect([id, job.if]).toEqual([id, `github.event_name ${trusted ? '!=' : '=='} 'pull_request'`]);
      const builds = job.steps.filter((s: any) => s.uses?.startsWith('docker/build-push-action@'));
      expect([id, builds.length]).toEqual([id, 1]);
      const inputs = builds[0].with;
      if (trusted) {
        expect(inputs.outputs).toBe('type=image,name=${{ steps.image.outputs.name }},push-by-digest=true,name-canonical=true,push=true');
        expect([inputs.sbom, inputs.provenance]).toEqual([true, 'mode=max']);
      } else {
        expect([inputs.outputs, inputs.sbom, inputs.provenance, inputs['cache-to']]).toEqual(['type=docker', false, false, undefined]);
        expect(JSON.stringify(job)).not.toMatch(/secrets\./);
      }
      // OCI labels (source, revision, created, licenses) and annotations come from the metadata action.
      expect([inputs.labels, inputs.annotations]).toEqual(['${{ steps.meta.outputs.labels }}', '${{ steps.meta.outputs.annotations }}']);
      const readsRegistry = String(inputs['cache-from']).startsWith('type=registry,');
      const logins = job.steps.filter((s: any) => s.uses?.startsWith('docker/login-action@'));
      expect([id, logins.length]).toEqual([id, trusted || readsRegistry ? 1 : 0]);
      for (const login of logins) expect(login.with.password).toBe('${{ github.token }}');
      expect(job.steps.some((s: any) => /^Smoke test/.test(s.name))).toBe(true);
    }
    for (const [, job] of jobs.filter(([jobId]) => jobId.startsWith('publish-'))) {
      expect(job.if).toBe('github.event_name != \'pull_request\'');
    }
  });

  test('gives every image and platform its own cache', () => {
    const caches = jobs.filter(([id]) => id.startsWith('build-')).flatMap(([, job]) =>
      job.strategy.matrix.include.map((entry: any) => {
        const build = job.steps.find((s: any) => s.uses?.startsWith('docker/build-push-action@'));
        return build.with['cache-from']?.replace('${{ matrix.slug }}', entry.slug);
      })).filter((cache: string | undefined) => cache !== undefined);
    expect(new Set(caches).size).toBe(caches.length);
  });
});

describe('build secrets', () => {
  const workflow = parse(synthWorkflow({ images: ['private', 'gpu'] }));
  const buildStep = (job: string) => workflow.jobs[job].steps.find((s: any) => s.uses?.startsWith('docker/build-push-action@'));

  test('the build that pushes gets each from the repository secret of its name; the pull request\'s build and the other image none', () => {
    expect(buildStep('build-cpu').with.secrets).toBe('UV_INDEX_LAB_PASSWORD=${{ secrets.UV_INDEX_LAB_PASSWORD }}\nRATTLER_AUTH_FILE=${{ secrets.RATTLER_AUTH_FILE }}\n');
    expect(buildStep('check-cpu').with.secrets).toBeUndefined();
    expect(buildStep('build-gpu').with.secrets).toBeUndefined();
    const referencing = Object.entries<any>(workflow.jobs).filter(([, job]) => JSON.stringify(job).includes('secrets.')).map(([id]) => id);
    expect(referencing).toEqual(['build-cpu']);
  });
});

describe('WorkflowRecipe.OPTIMIZED details', () => {
  test('snapshot: cpu and gpu, amd64 and arm64, in a subproject', () => {
    expect(synthWorkflow({ subproject: true, arm64: true, images: ['cpu', 'gpu'] },
      { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64] })).toMatchSnapshot();
  });

  test('path filters come from the images, relative to the repository root', () => {
    const workflow = parse(synthWorkflow({ subproject: true, images: ['cpu', 'gpu'] }));
    expect(workflow.on.push.paths).toEqual([
      'cuda-exercise/pixi.toml', 'cuda-exercise/pixi.lock', 'cuda-exercise/Dockerfile.cpu', 'cuda-exercise/entrypoint.cpu.sh',
      'cuda-exercise/.dockerignore', 'cuda-exercise/app/**', 'cuda-exercise/Dockerfile.gpu', 'cuda-exercise/entrypoint.gpu.sh',
      '.github/workflows/docker.yaml',
    ]);
    expect(workflow.on.pull_request.paths).toEqual(workflow.on.push.paths);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(workflow.on.push.tags).toEqual(['v*']);
    // A release's v* tag push has published the commit already: no second build.
    expect(workflow.on.release).toBeUndefined();
  });

  test('images with a CUDA version free the runner\'s disk first; freeDiskSpace decides for every image', () => {
    const firstSteps = (workflow: any) => Object.fromEntries(Object.entries(workflow.jobs)
      .filter(([id]) => id.startsWith('build-')).map(([id, job]: [string, any]) => [id, job.steps[0].name]));
    expect(firstSteps(parse(synthWorkflow({ images: ['cpu', 'gpu'] })))).toEqual({ 'build-cpu': 'Checkout', 'build-gpu': 'Free disk space' });
    expect(firstSteps(parse(synthWorkflow({ images: ['cpu', 'gpu'] }, { freeDiskSpace: true })))).toEqual({ 'build-cpu': 'Free disk space', 'build-gpu': 'Free disk space' });
    expect(firstSteps(parse(synthWorkflow({ images: ['cpu', 'gpu'] }, { freeDiskSpace: false })))).toEqual({ 'build-cpu': 'Checkout', 'build-gpu': 'Checkout' });
  });

  test('CUDA images keep their layer cache in GHCR, others in the Actions cache; only pushes write it; buildCache decides for every image', () => {
    const cacheOf = (workflow: any) => Object.fromEntries(Object.entries(workflow.jobs).filter(([id]) => /^(check|build)-/.test(id))
      .map(([id, job]: [string, any]) => {
        const build = job.steps.find((s: any) => s.id === 'build');
        return [id, { from: build.with['cache-from'], to: build.with['cache-to'] }];
      }));
    const byDefault = cacheOf(parse(synthWorkflow({ images: ['cpu', 'gpu'] })));
    expect(byDefault).toEqual({
      'check-cpu': { from: 'type=gha,scope=cpu-${{ matrix.slug }}', to: undefined },
      'build-cpu': { from: 'type=gha,scope=cpu-${{ matrix.slug }}', to: 'type=gha,mode=max,scope=cpu-${{ matrix.slug }}' },
      'check-gpu': { from: 'type=registry,ref=${{ steps.image.outputs.name }}/buildcache:gpu-${{ matrix.slug }}', to: undefined },
      'build-gpu': {
        from: 'type=registry,ref=${{ steps.image.outputs.name }}/buildcache:gpu-${{ matrix.slug }}',
        to: 'type=registry,ref=${{ steps.image.outputs.name }}/buildcache:gpu-${{ matrix.slug }},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true',
      },
    });
    const everywhere = cacheOf(parse(synthWorkflow({ images: ['cpu', 'gpu'] }, { buildCache: BuildCache.REGISTRY })));
    expect(everywhere['build-cpu'].from).toBe('type=registry,ref=${{ steps.image.outputs.name }}/buildcache:cpu-${{ matrix.slug }}');
    const none = cacheOf(parse(synthWorkflow({ images: ['cpu', 'gpu'] }, { buildCache: BuildCache.NONE })));
    expect(none['build-gpu']).toEqual({ from: undefined, to: undefined });
    expect(cacheOf(parse(synthWorkflow({ images: ['gpu'] }, { buildCache: BuildCache.GITHUB_ACTIONS })))['build-gpu'].from).toBe('type=gha,scope=gpu-${{ matrix.slug }}');
  });

  test('several images: one check, one build and one publish job each, with their own tag suffix', () => {
    const workflow = parse(synthWorkflow({ images: ['cpu', 'gpu'] }));
    expect(Object.keys(workflow.jobs)).toEqual(['check-cpu', 'build-cpu', 'publish-cpu', 'check-gpu', 'build-gpu', 'publish-gpu']);
    const meta = workflow.jobs['publish-gpu'].steps.find((s: any) => s.id === 'meta');
    expect(meta.with.flavor).toBe('suffix=-gpu,onlatest=true\n');
    expect(meta.with.tags.split('\n')).toEqual(expect.arrayContaining([
      'type=raw,value=latest,enable={{is_default_branch}}', 'type=sha', 'type=semver,pattern={{version}}', 'type=ref,event=pr',
    ]));
    expect(workflow.jobs['publish-gpu'].needs).toEqual(['build-gpu']);
  });

  test('arm64 builds on native runners, QEMU only when asked', () => {
    const native = parse(synthWorkflow({ arm64: true }, { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64] }));
    expect(native.jobs['build-gpu'].strategy.matrix.include.map((e: any) => [e.platform, e.runner])).toEqual([
      ['linux/amd64', 'ubuntu-24.04'], ['linux/arm64', 'ubuntu-24.04-arm'],
    ]);
    expect(JSON.stringify(native)).not.toContain('setup-qemu-action');
    const emulated = parse(synthWorkflow({ arm64: true }, { platforms: [ImagePlatform.LINUX_ARM64], qemu: true }));
    expect(emulated.jobs['build-gpu'].strategy.matrix.include.map((e: any) => e.runner)).toEqual(['ubuntu-24.04']);
    expect(JSON.stringify(emulated)).toContain('docker/setup-qemu-action@');
  });

  test('the publish job merges the digests into a tagged index with annotations, then attests it', () => {
    const publish = parse(synthWorkflow({})).jobs['publish-gpu'];
    const meta = publish.steps.find((s: any) => s.id === 'meta');
    const index = publish.steps.find((s: any) => s.id === 'index');
    const attest = publish.steps.find((s: any) => s.uses?.startsWith('actions/attest@'));
    expect(meta.env).toEqual({ DOCKER_METADATA_ANNOTATIONS_LEVELS: 'index' });
    expect(index.run).toContain('docker buildx imagetools create "${tags[@]}" "${annotations[@]}" "${sources[@]}"');
    expect(attest.with).toEqual({ 'subject-name': '${{ steps.image.outputs.name }}', 'subject-digest': '${{ steps.index.outputs.digest }}', 'push-to-registry': true });
    const noAttest = parse(synthWorkflow({}, { attest: false })).jobs['publish-gpu'];
    expect(noAttest.permissions).toEqual({ contents: 'read', packages: 'write' });
  });

  test('an arm64 build of an environment without linux-aarch64 fails at synthesis', () => {
    const { root } = repository({}, { platforms: [ImagePlatform.LINUX_ARM64] });
    expect(() => root.synth()).toThrow(/invalid platforms "linux\/arm64"; allowed: .*solved for \(linux-64\); add "linux-aarch64"/);
  });

  test('project.github.actions overrides apply, through projen\'s public provider; actionOverrides win over them', () => {
    const { root } = repository({ gitHub: true });
    github.GitHub.of(root)!.actions.set('docker/login-action', 'docker/login-action@v9.9.9');
    github.GitHub.of(root)!.actions.set('actions/checkout', 'actions/checkout@v9.9.9');
    const text = Testing.synth(root)[WORKFLOW];
    expect(text).toContain('uses: docker/login-action@v9.9.9\n');
    expect(text).toContain('uses: actions/checkout@v9.9.9\n');
    expect(text).toMatch(/uses: docker\/build-push-action@[0-9a-f]{40} # v7\.3\.0/);
    const both = repository({ gitHub: true }, { actionOverrides: { 'docker/login-action': `docker/login-action@${'b'.repeat(40)}` } }).root;
    github.GitHub.of(both)!.actions.set('docker/login-action', 'docker/login-action@v9.9.9');
    expect(Testing.synth(both)[WORKFLOW]).toContain(`uses: docker/login-action@${'b'.repeat(40)}\n`);
  });

  test('actionOverrides apply without projen\'s GitHub component', () => {
    const sha = 'a'.repeat(40);
    const text = synthWorkflow({}, { actionOverrides: { 'docker/login-action': `docker/login-action@${sha}` } });
    expect(text).toContain(`uses: docker/login-action@${sha}\n`);
  });

  test('the images can be chosen', () => {
    const root = new Project({ name: 'repo', outdir: tempImageRepository() });
    const cpu = new PixiDockerImage(root, { environment: 'cpu', dockerfile: 'Dockerfile.cpu' });
    new PixiDockerImage(root, { environment: 'gpu', dockerfile: 'Dockerfile.gpu' });
    new GhcrWorkflow(root, { images: [cpu] });
    expect(Object.keys(parse(Testing.synth(root)[WORKFLOW]).jobs)).toEqual(['check-cpu', 'build-cpu', 'publish-cpu']);
  });
});

describe('platforms per image', () => {
  test('a CUDA image on amd64 only beside a multi-arch CPU image: one matrix each, clean for every validator', async () => {
    const text = synthWorkflow({ arm64: true, images: ['cpu', 'gpu'] },
      { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64], imagePlatforms: { 'Dockerfile.gpu': [ImagePlatform.LINUX_AMD64] } });
    expect(await workflowFindings(text)).toEqual([]);
    const jobs = parse(text).jobs;
    const platformsOf = (id: string) => jobs[id].strategy.matrix.include.map((entry: any) => entry.platform);
    expect(platformsOf('build-cpu')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(platformsOf('build-gpu')).toEqual(['linux/amd64']);
  });

  test('a Dockerfile no image has, or a platform its workspace does not solve for, is refused naming imagePlatforms', () => {
    expect(() => synthWorkflow({ images: ['cpu', 'gpu'] }, { imagePlatforms: { 'Dockerfile.tpu': [ImagePlatform.LINUX_AMD64] } }))
      .toThrow(/GhcrWorkflow: invalid imagePlatforms.Dockerfile.tpu \["linux\/amd64"\]; allowed: the Dockerfile of an image, from the repository root: Dockerfile.cpu, Dockerfile.gpu/);
    expect(() => synthWorkflow({ images: ['cpu', 'gpu'] }, { imagePlatforms: { 'Dockerfile.gpu': [ImagePlatform.LINUX_ARM64] } }))
      .toThrow(/GhcrWorkflow: invalid imagePlatforms.Dockerfile.gpu "linux\/arm64"; allowed: platforms the environment "gpu"/);
  });

  test('the pure spec takes them per image; TUTORIAL refuses them', () => {
    const spec = new PixiDockerImageSpec({ copySources: false });
    const images = [{ spec, platforms: [ImagePlatform.LINUX_ARM64] }];
    const workflow = new GhcrWorkflowSpec(images, { platforms: [ImagePlatform.LINUX_AMD64] }).toWorkflow();
    expect(workflow.jobs['build-default'].strategy.matrix.include.map((entry: any) => entry.platform)).toEqual(['linux/arm64']);
    expect(() => new GhcrWorkflowSpec([{ spec, platforms: [ImagePlatform.LINUX_AMD64] }], { recipe: WorkflowRecipe.TUTORIAL }))
      .toThrow(/invalid images\[0\].platforms \["linux\/amd64"\]; allowed: nothing with WorkflowRecipe.TUTORIAL/);
  });
});
