import { Project } from 'projen';
import { BuildCache, GhcrWorkflow, GhcrWorkflowOptions, GhcrWorkflowSpec, ImagePlatform, PixiDockerImage, PixiDockerImageSpec, WorkflowRecipe } from '../../src';
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
