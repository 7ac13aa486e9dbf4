import { github } from 'projen';
import { triggers, unique } from './triggers';
import { inContext, triggerPaths, WorkflowImage } from './workflow-images';
import { Workflow } from './workflow-model';
import type { WorkflowSettings } from './workflow-settings';

const { READ, WRITE } = github.workflows.JobPermission;

/** The lesson's tags. */
export const TUTORIAL_DEFAULT_TAGS = ['type=raw,value=latest', 'type=sha'];

/**
 * The lesson's workflow (WorkflowRecipe.TUTORIAL): per image, one job that builds twice
 * (a test build, then a deploying one that pushes unless the event is a pull request).
 * @param uses resolves each action reference (projen's overrides); the lesson's references otherwise
 */
export function tutorialWorkflow(images: WorkflowImage[], settings: WorkflowSettings, uses: (ref: string) => string): Workflow {
  const jobs: Record<string, github.workflows.Job> = {};
  for (const image of images) {
    jobs[images.length === 1 ? 'docker' : `docker-${image.id}`] = tutorialJob(image, settings.tags, uses);
  }
  return {
    name: settings.name,
    on: triggers(settings.branches, unique(images.flatMap(triggerPaths)), true),
    concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: true },
    permissions: {},
    jobs,
  };
}

function tutorialJob(image: WorkflowImage, tags: string[], uses: (ref: string) => string): github.workflows.Job {
  const build = {
    context: image.context,
    file: inContext(image, image.spec.dockerfile),
    tags: '${{ steps.meta.outputs.tags }}',
    labels: '${{ steps.meta.outputs.labels }}',
    pull: true,
  };
  return {
    name: 'Build and publish images',
    runsOn: ['ubuntu-latest'],
    permissions: { contents: READ, packages: WRITE },
    steps: [
      { name: 'Checkout', uses: uses('actions/checkout@v4'), with: { 'fetch-depth': 0 } },
      {
        name: 'Docker meta',
        id: 'meta',
        uses: uses('docker/metadata-action@v5'),
        with: { images: 'ghcr.io/${{ github.repository }}\n', tags: tags.map((t) => `${t}\n`).join('') },
      },
      { name: 'Set up QEMU', uses: uses('docker/setup-qemu-action@v3') },
      { name: 'Set up Docker Buildx', uses: uses('docker/setup-buildx-action@v3') },
      {
        name: 'Login to GitHub Container Registry',
        if: 'github.event_name != \'pull_request\'',
        uses: uses('docker/login-action@v3'),
        with: { registry: 'ghcr.io', username: '${{ github.repository_owner }}', password: '${{ secrets.GITHUB_TOKEN }}' },
      },
      { name: 'Test build', id: 'docker_build_test', uses: uses('docker/build-push-action@v6'), with: build },
      {
        name: 'Deploy build',
        id: 'docker_build_deploy',
        uses: uses('docker/build-push-action@v6'),
        with: { ...build, push: '${{ github.event_name != \'pull_request\' }}' },
      },
    ],
  };
}
