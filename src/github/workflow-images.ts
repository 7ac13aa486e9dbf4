import { GhcrWorkflowImage } from './options';
import { ApptainerDefinitionSpec } from '../apptainer/apptainer-definition-spec';
import { PixiImageSpec } from '../docker/pixi-image-spec';
import { requireRelativePath } from '../util/validate';

/** An image as the workflow sees it: where it lives and what names its jobs and tags use. */
export interface WorkflowImage {
  readonly spec: PixiImageSpec;
  /** Build context relative to the repository root; `.` for the root. */
  readonly context: string;
  /** Identifier used in job ids, cache scopes, artifact names and tag suffixes. */
  readonly id: string;
  /** Tag suffix, e.g. `-gpu`; empty when the workflow has one image. */
  readonly tagSuffix: string;
  readonly apptainer?: ApptainerDefinitionSpec;
}

/** Paths relative to the repository root. */
export function inContext(image: WorkflowImage, path: string): string {
  return image.context === '.' ? path : `${image.context}/${path}`;
}

/**
 * Names the images: by environment, or by context and Dockerfile where environments repeat.
 */
export function workflowImages(images: GhcrWorkflowImage[]): WorkflowImage[] {
  const contexts = images.map((image) => image.context === undefined || image.context === '.' || image.context === ''
    ? '.' : requireRelativePath('GhcrWorkflow', 'images[].context', image.context));
  const environments = images.map((image) => image.spec.environment);
  const ids = images.map((image, i) => {
    const unique = environments.filter((env) => env === image.spec.environment).length === 1;
    const raw = unique ? image.spec.environment : `${contexts[i]}-${image.spec.dockerfile}`;
    return raw.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
  });
  return images.map((image, i) => ({
    spec: image.spec,
    context: contexts[i],
    id: ids[i],
    tagSuffix: images.length > 1 ? `-${ids[i]}` : '',
    apptainer: image.apptainer,
  }));
}

/** Files whose change should rebuild the image, relative to the repository root. */
export function triggerPaths(image: WorkflowImage): string[] {
  const spec = image.spec;
  const files = [spec.manifestFile, 'pixi.lock', spec.dockerfile, spec.entrypointFile, '.dockerignore'];
  const paths = files.filter((f): f is string => f !== undefined).map((f) => inContext(image, f));
  // An input may be a file or a directory.
  for (const input of spec.installInputs) paths.push(inContext(image, input), inContext(image, `${input}/**`));
  if (spec.sourceDir) paths.push(inContext(image, `${spec.sourceDir}/**`));
  if (image.apptainer) paths.push(inContext(image, image.apptainer.file));
  return paths;
}
