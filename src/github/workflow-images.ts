import { GhcrWorkflowImage } from './options';
import { ImageJobSettings } from './workflow-settings';
import { ApptainerDefinitionSpec } from '../apptainer/apptainer-definition-spec';
import { TAG } from '../docker/image-reference';
import { WHOLE_CONTEXT } from '../docker/image-sources';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { LOCK_FILE } from '../pixi/manifest-file';
import { invalidOption, requireRelativePath } from '../util/validate';

const APPTAINER_TAG = new RegExp(`^${TAG}$`);

/** An image as the workflow sees it: where it lives and what names its jobs and tags use. */
export interface WorkflowImage extends ImageJobSettings {
  readonly spec: PixiDockerImageSpec;
  /** Build context relative to the repository root; `.` for the root. */
  readonly context: string;
  /** Identifier used in job ids, cache scopes, artifact names and tag suffixes. */
  readonly id: string;
  /** Tag suffix, e.g. `-gpu`; empty when the workflow has one image. */
  readonly tagSuffix: string;
  readonly apptainer?: ApptainerDefinitionSpec;
  /** The tag of its Apptainer image. */
  readonly apptainerTag: string;
}

/** Paths relative to the repository root. */
export function inContext(image: WorkflowImage, path: string): string {
  return image.context === '.' ? path : `${image.context}/${path}`;
}

/**
 * Names the images: by environment; where environments repeat, by the directory of the image's context and its
 * environment (`api-prod`, `worker-prod`: the subproject's folder); where those repeat too, by context and
 * Dockerfile. Ids name jobs, caches, artifacts and tags, so two images never share one: an image would silently
 * not be built, or push over another's tag.
 */
export function workflowImages(images: GhcrWorkflowImage[], settingsOf: (image: GhcrWorkflowImage, i: number) => ImageJobSettings): WorkflowImage[] {
  const contexts = images.map((image) => image.context === undefined || image.context === '.' || image.context === ''
    ? '.' : requireRelativePath('GhcrWorkflow', 'images[].context', image.context));
  const paths = images.map((image, i) => `${contexts[i]}/${image.spec.dockerfile}`);
  paths.forEach((path, i) => {
    if (paths.indexOf(path) !== i) {
      throw invalidOption('GhcrWorkflow', `images[${i}]`, path, 'one image per Dockerfile: each image its own context or dockerfile');
    }
  });
  const ids = uniqueIds(images.map((image, i) => {
    const environment = image.spec.environment;
    const folder = contexts[i] === '.' ? [] : [asId(`${contexts[i].split('/').pop()}-${environment}`)];
    // An environment of dashes only (`-`) has no id of its own.
    // Last, a name no other image can have (its path is its own): `dev` and `dev-` both read `dev` otherwise.
    return [asId(environment), ...folder, asId(`${contexts[i]}-${image.spec.dockerfile}`)].filter((id) => id !== '').concat(exactId(paths[i]));
  }));
  ids.forEach((id, i) => {
    const first = ids.indexOf(id);
    if (first !== i) {
      throw invalidOption('GhcrWorkflow', `images[${i}]`, paths[i],
        `an image whose id differs from that of ${paths[first]} ("${id}"): rename its Dockerfile`);
    }
  });
  const apptainerTags = images.map((image, i) => apptainerTagOf(image, i, ids[i]));
  apptainerTags.forEach((tag, i) => {
    const first = apptainerTags.indexOf(tag);
    if (first !== i && images[i].apptainer && images[first].apptainer) {
      throw invalidOption('GhcrWorkflow', `images[${i}].apptainerTag`, tag, `a tag other than that of ${paths[first]}'s Apptainer image`);
    }
  });
  return images.map((image, i) => ({
    spec: image.spec,
    context: contexts[i],
    id: ids[i],
    tagSuffix: images.length > 1 ? `-${ids[i]}` : '',
    apptainer: image.apptainer,
    apptainerTag: apptainerTags[i],
    ...settingsOf(image, i),
  }));
}

/** The image's tag in the Apptainer package: its own, or its id. */
function apptainerTagOf(image: GhcrWorkflowImage, i: number, id: string): string {
  if (image.apptainerTag === undefined) return id;
  const option = `images[${i}].apptainerTag`;
  if (image.apptainer === undefined) throw invalidOption('GhcrWorkflow', option, image.apptainerTag, 'nothing for an image without an Apptainer definition');
  // `<tag>-sha-<7 hex>` is a tag too: 128 characters at most.
  if (!APPTAINER_TAG.test(image.apptainerTag) || image.apptainerTag.length > 128 - '-sha-0000000'.length) {
    throw invalidOption('GhcrWorkflow', option, image.apptainerTag, 'an image tag: letters, digits, "_", "." and "-", at most 116, not starting with "." or "-"');
  }
  return image.apptainerTag;
}

/**
 * Each image's first name that no other image has, from its candidates (shortest first). Of the images that share a
 * name, the one that reached it first keeps it (an environment's own name beats another image's folder-and-environment
 * name), the others take their next; where none came first, all do. An image without a next keeps its name, and the
 * caller refuses the pair.
 */
function uniqueIds(candidates: string[][]): string[] {
  const level = candidates.map(() => 0);
  for (;;) {
    const ids = candidates.map((names, i) => names[level[i]]);
    const moves = ids.map((id, i) => {
      const sharing = ids.flatMap((other, j) => (other === id ? [j] : []));
      const first = Math.min(...sharing.map((j) => level[j]));
      const keeps = sharing.length === 1 || (level[i] === first && sharing.filter((j) => level[j] === first).length === 1);
      return !keeps && level[i] < candidates[i].length - 1;
    });
    if (!moves.includes(true)) return ids;
    moves.forEach((move, i) => { if (move) level[i]++; });
  }
}

/** Lower-case letters, digits and inner dashes: usable in job ids, cache scopes and tags. */
function asId(raw: string): string {
  return raw.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
}

/**
 * A one-to-one id of a path: lower-case letters and digits as they are, any other character as `-` and its code in
 * four hex digits, after `image` (ids start with a letter). Two paths never share it.
 */
function exactId(path: string): string {
  return `image${[...path].map((c) => (/[a-z0-9]/.test(c) ? c : `-${c.codePointAt(0)!.toString(16).padStart(4, '0')}`)).join('')}`;
}

/** Files whose change should rebuild the image, relative to the repository root. */
export function triggerPaths(image: WorkflowImage): string[] {
  const spec = image.spec;
  const files = [spec.manifestFile, LOCK_FILE, spec.dockerfile, spec.entrypointFile, '.dockerignore'];
  const paths = files.filter((f): f is string => f !== undefined).map((f) => inContext(image, f));
  // An input may be a file or a directory.
  for (const input of spec.installInputs) paths.push(inContext(image, input), inContext(image, `${input}/**`));
  for (const source of spec.sources) {
    if (source.from === WHOLE_CONTEXT) {paths.push(inContext(image, '**'));} else {
      // A source may be a file or a directory (the lesson's sourceDir is a directory).
      if (spec.sourceDir === undefined) paths.push(inContext(image, source.from));
      paths.push(inContext(image, `${source.from}/**`));
    }
  }
  if (image.apptainer) paths.push(inContext(image, image.apptainer.file));
  return paths;
}
