import { Project } from 'projen';
import { BuildCache, DefaultImageTag, GhcrWorkflow, GhcrWorkflowOptions, GhcrWorkflowSpec, ImagePlatform, PixiDockerImage, PixiDockerImageSpec, WorkflowRecipe } from '../../src';
import { tempRepository } from '../helpers/project';

const IMAGES = [{ spec: new PixiDockerImageSpec({ environment: 'gpu' }) }];

const BAD: [string, GhcrWorkflowOptions, RegExp][] = [
  ['unknown platform', { platforms: ['linux/s390x' as ImagePlatform] }, /invalid platforms\[0\] "linux\/s390x"; allowed: ImagePlatform.LINUX_AMD64 \("linux\/amd64"\), ImagePlatform.LINUX_ARM64/],
  ['no platform', { platforms: [] }, /invalid platforms \[\]; allowed: at least one of/],
  ['the same platform twice', { platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_AMD64] }, /each platform once/],
  ['image name with capitals', { imageName: 'ghcr.io/My-Lab/Exercise' }, /invalid imageName "ghcr.io\/My-Lab\/Exercise"; allowed: a lower-case GHCR repository/],
  ['image name with a tag', { imageName: 'ghcr.io/lab/exercise:latest' }, /invalid imageName "ghcr.io\/lab\/exercise:latest"/],
  ['image name on another registry', { imageName: 'docker.io/lab/exercise' }, /invalid imageName "docker.io\/lab\/exercise"/],
  ['image name with a newline', { imageName: 'ghcr.io/lab/x\nrun: id' }, /invalid imageName "ghcr.io\/lab\/x\\nrun: id"/],
  ['tag that is not an expression', { tags: ['latest'] }, /invalid tags\[0\] "latest"; allowed: a docker\/metadata-action tag expression/],
  ['tag of an unknown type', { tags: ['type=version,value=1'] }, /invalid tags\[0\] "type=version,value=1"/],
  ['tag with a newline', { tags: ['type=raw,value=a\ntype=raw,value=b'] }, /invalid tags\[0\] "type=raw,value=a\\ntype=raw,value=b"/],
  ['tag with a GitHub expression', { tags: ['type=raw,value=${{ github.head_ref }}'] }, /invalid tags\[0\]/],
  ['smoke test with a newline', { smokeTest: ['sh', '-c', 'true\nrm -rf /'] }, /invalid smokeTest\[2\] "true\\nrm -rf \/"; allowed: an argument without newlines/],
  ['smoke test with a GitHub expression', { smokeTest: ['echo', '${{ github.event.pull_request.title }}'] }, /invalid smokeTest\[1\]/],
  ['empty smoke test', { smokeTest: [] }, /invalid smokeTest \[\]; allowed: a non-empty command/],
  ['branch with a space', { branches: ['main branch'] }, /invalid branches\[0\] "main branch"/],
  ['workflow name with a newline', { workflowName: 'Docker\non: push' }, /invalid workflowName "Docker\\non: push"/],
  ['override for another action', { actionOverrides: { 'docker/login-action': 'evil/login-action@v1' } },
    /invalid actionOverrides.docker\/login-action "evil\/login-action@v1"; allowed: "docker\/login-action@<sha or tag>"/],
  ['TUTORIAL with multi-arch', { recipe: WorkflowRecipe.TUTORIAL, platforms: [ImagePlatform.LINUX_ARM64] }, /invalid platforms .*nothing with WorkflowRecipe.TUTORIAL/],
  ['unknown recipe', { recipe: 'fast' as WorkflowRecipe }, /invalid recipe "fast"/],
  ['TUTORIAL with a build cache', { recipe: WorkflowRecipe.TUTORIAL, buildCache: BuildCache.REGISTRY }, /invalid buildCache "registry"; allowed: nothing with WorkflowRecipe.TUTORIAL/],
  ['build cache by member name', { buildCache: 'REGISTRY' as BuildCache }, /invalid buildCache "REGISTRY"; allowed: .*BuildCache.REGISTRY \("registry"\)/],
  // Issue 30: publishing elsewhere and the steps a repository needs.
  ['extra registry without a registry', { extraRegistries: [{ image: 'my-lab/cuda', passwordSecret: 'T' }] },
    /invalid extraRegistries\[0\].image "my-lab\/cuda"; allowed: an image repository with its registry and without tag/],
  ['extra registry with a tag', { extraRegistries: [{ image: 'docker.io/my-lab/cuda:latest', passwordSecret: 'T' }] }, /invalid extraRegistries\[0\].image/],
  ['extra registry on GHCR', { extraRegistries: [{ image: 'ghcr.io/other/cuda', passwordSecret: 'T' }] },
    /invalid extraRegistries\[0\] "ghcr.io"; allowed: a registry other than ghcr.io/],
  ['two extra registries on one host', { extraRegistries: [{ image: 'docker.io/a/x', passwordSecret: 'T' }, { image: 'docker.io/b/x', passwordSecret: 'U' }] },
    /invalid extraRegistries\[1\] "docker.io"; allowed: each registry once/],
  ['a secret name that is an expression', { extraRegistries: [{ image: 'docker.io/a/x', passwordSecret: 'T }}\nrun: id' }] },
    /invalid extraRegistries\[0\].passwordSecret "T }}\\nrun: id"; allowed: a repository secret name/],
  ['a GITHUB_ secret', { extraRegistries: [{ image: 'docker.io/a/x', passwordSecret: 'GITHUB_TOKEN' }] }, /invalid extraRegistries\[0\].passwordSecret "GITHUB_TOKEN"/],
  ['an extra registry without its password secret', { extraRegistries: [{ image: 'docker.io/a/x' } as any] }, /invalid extraRegistries\[0\].passwordSecret undefined/],
  ['a pull registry with a path', { pullRegistries: [{ registry: 'registry.example.org/group', usernameSecret: 'U', passwordSecret: 'P' }] },
    /invalid pullRegistries\[0\].registry "registry.example.org\/group"; allowed: a registry host/],
  ['a pull registry on GHCR', { pullRegistries: [{ registry: 'ghcr.io', usernameSecret: 'U', passwordSecret: 'P' }] }, /invalid pullRegistries\[0\] "ghcr.io"/],
  ['submodules by member name', { checkout: { submodules: 'RECURSIVE' as any } }, /invalid checkout.submodules "RECURSIVE"; allowed: CheckoutSubmodules.NONE/],
  ['a step with run and uses', { preBuildSteps: [{ run: 'make', uses: 'actions/checkout@v4' }] }, /invalid preBuildSteps\[0\] .*allowed: a step with either run or uses/],
  ['a step with an unpinned action', { preBuildSteps: [{ uses: 'actions/setup-python@v5' }] },
    /invalid preBuildSteps\[0\].uses "actions\/setup-python@v5"; allowed: an action pinned by a full commit SHA/],
  ['a step that reads a secret', { preBuildSteps: [{ run: 'make', env: { TOKEN: '${{ secrets.HF_TOKEN }}' } }] },
    /invalid preBuildSteps\[0\].env .*allowed: no secret: the steps run in pull requests' jobs too/],
  ['a step with an expression in its script', { preBuildSteps: [{ run: 'echo "${{ github.head_ref }}"' }] }, /invalid preBuildSteps\[0\].run .*pass it through env/],
  ['a step with the id of the build step', { preBuildSteps: [{ id: 'build', run: 'make' }] }, /invalid preBuildSteps\[0\].id "build"/],
  ['a step with a field GitHub has no key for', { preBuildSteps: [{ run: 'make', parallel: [] } as any] }, /unknown option preBuildSteps\[0\].parallel; allowed: id, if, name, uses, run/],
  ['a step with a name of two lines', { preBuildSteps: [{ name: 'a\nb', run: 'make' }] }, /invalid preBuildSteps\[0\].name "a\\nb"; allowed: one line/],
  ['a test command of two lines', { testCommands: ['pytest\nrm -rf /'] }, /invalid testCommands\[0\] "pytest\\nrm -rf \/"; allowed: a one-line shell command/],
  ['a test command with an expression', { testCommands: ['echo ${{ github.head_ref }}'] }, /invalid testCommands\[0\]/],
  ['no tag at all', { defaultTags: [] }, /invalid defaultTags \[\]; allowed: at least one tag for a published image/],
  ['a default tag twice', { defaultTags: [DefaultImageTag.SHA, DefaultImageTag.SHA] }, /invalid defaultTags .*each tag once/],
  ['a raw tag with a colon', { rawTags: ['v1:2'] }, /invalid rawTags\[0\] "v1:2"; allowed: an image tag/],
  ['an Apptainer package elsewhere', { apptainerPackage: 'docker.io/lab/sif' }, /invalid apptainerPackage "docker.io\/lab\/sif"; allowed: a lower-case GHCR repository/],
  ['TUTORIAL with extra registries', { recipe: WorkflowRecipe.TUTORIAL, extraRegistries: [] }, /invalid extraRegistries \[\]; allowed: nothing with WorkflowRecipe.TUTORIAL/],
  ['TUTORIAL with test commands', { recipe: WorkflowRecipe.TUTORIAL, testCommands: ['true'] }, /invalid testCommands .*nothing with WorkflowRecipe.TUTORIAL/],
];

describe('bad workflow options throw at construction, naming option, value and what is allowed', () => {
  test.each(BAD)('%s', (_name, options, message) => {
    expect(() => new GhcrWorkflowSpec(IMAGES, options)).toThrow(message);
    const project = new Project({ name: 'p', outdir: tempRepository() });
    const image = new PixiDockerImage(project, { environment: 'gpu' });
    expect(() => new GhcrWorkflow(project, { ...options, images: [image] })).toThrow(message);
  });

  test('a workflow needs at least one image', () => {
    expect(() => new GhcrWorkflowSpec([])).toThrow(/invalid images \[\]; allowed: at least one PixiDockerImage/);
    const project = new Project({ name: 'p', outdir: tempRepository() });
    new GhcrWorkflow(project);
    expect(() => project.synth()).toThrow(/at least one PixiDockerImage/);
  });
});
