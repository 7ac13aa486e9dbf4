import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, FileBase, Project } from 'projen';
import { findAdmittedPaths, patternsOf, unreadablePattern } from './dockerignore-rules';
import { refuseFileAsSourceDir, refuseMissingInputs } from './image-inputs-exist';
import { copiesWholeContext } from './image-sources';
import { IMAGE_OPTIONS } from './option-shapes';
import { PixiDockerImageOptions } from './options';
import { PixiDockerImageSpec } from './pixi-docker-image-spec';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { addPixiRepositoryLines } from '../pixi/repository-lines';
import { RenderedFile } from '../util/rendered-file';
import { builtChecked, checkShape } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';
import { invalidOption } from '../util/validate';

const IS_PIXI_DOCKER_IMAGE = Symbol.for('projen-pixi.PixiDockerImage');

/**
 * A container image of a pixi environment: synthesizes a multi-stage Dockerfile and, for the
 * OPTIMIZED recipe, the entrypoint script next to it. The build context is the project directory.
 *
 * @example
 * new PixiDockerImage(project, { environment: 'gpu', cudaVersion: '12', dockerfile: 'Dockerfile.gpu' });
 */
export class PixiDockerImage extends Component {
  /**
   * Whether the construct is a PixiDockerImage (also across copies of this library).
   * @param x any construct
   */
  public static isPixiDockerImage(x: any): x is PixiDockerImage {
    return x !== null && typeof x === 'object' && IS_PIXI_DOCKER_IMAGE in x;
  }

  /**
   * The images of a project (not of its subprojects).
   * @param project the project to search
   */
  public static ofProject(project: Project): PixiDockerImage[] {
    return project.components.filter(PixiDockerImage.isPixiDockerImage);
  }

  /** The validated image description that every output is rendered from. */
  public readonly spec: PixiDockerImageSpec;
  /** The Dockerfile. */
  public readonly dockerfile: FileBase;
  /** The entrypoint script, when the recipe writes one. */
  public readonly entrypoint?: FileBase;

  /**
   * @param project the project whose directory is the build context
   * @param options the image description; invalid values throw here, before anything is written
   */
  public constructor(project: Project, options: PixiDockerImageOptions = {}) {
    checkShape('PixiDockerImage', options, IMAGE_OPTIONS);
    const spec = new PixiDockerImageSpec(builtChecked(IMAGE_OPTIONS, {
      contextDirectory: project.outdir,
      ...options,
      workspace: options.workspace ?? PixiWorkspace.of(project),
    }));
    if (spec.sourceDir !== undefined) refuseFileAsSourceDir(project.outdir, spec.sourceDir, 'PixiDockerImage', '');
    refuseTakenPaths('PixiDockerImage', project, [
      { option: 'dockerfile', path: spec.dockerfile },
      { option: 'entrypointFile', path: spec.entrypointFile },
    ]);
    super(project, `PixiDockerImage#${spec.dockerfile}`);
    addPixiRepositoryLines(project, 'PixiDockerImage');
    Object.defineProperty(this, IS_PIXI_DOCKER_IMAGE, { value: true });
    this.spec = spec;
    if (spec.absoluteActivationScripts.length > 0) {
      project.logger.warn(`PixiDockerImage ${spec.dockerfile}: absolute activation scripts ${spec.absoluteActivationScripts.join(', ')} are not in the build context; `
        + 'as pixi does, the activation sources each only if it exists in the build stage when the activation is written (the base image must hold it, '
        + 'and the final image too, at the same path), and drops it with a warning otherwise');
    }
    if (spec.missingActivationScripts.length > 0) {
      project.logger.warn(`PixiDockerImage ${spec.dockerfile}: activation scripts not found, left out as pixi leaves them out: ${spec.missingActivationScripts.join(', ')}`);
    }

    this.dockerfile = new RenderedFile(this, spec.dockerfile,
      (marker) => spec.renderDockerfile({ headerComment: marker }));
    if (spec.entrypointFile) {
      this.entrypoint = new RenderedFile(this, spec.entrypointFile,
        (marker) => spec.renderEntrypoint({ headerComment: marker })!, { executable: true });
    }
  }

  /**
   * Refuses an image that copies a directory or file the build context does not have: the first
   * `docker build` would fail on it. Checked at synthesis, after the sample files of components
   * created earlier (e.g. a Python project's module) are written, and before the Dockerfile.
   */
  public synthesize(): void {
    refuseMissingInputs(this.project, this.spec, 'PixiDockerImage', '');
    if (copiesWholeContext(this.spec.sources)) this.checkOwnDockerignore();
    const { manifestFile } = this.spec;
    const exists = (path: string) => existsSync(join(this.project.outdir, path));
    // Normal before the first pixi lock; said once per synthesis, by the project's first image.
    if (!exists(PixiDockerImageSpec.LOCK_FILE) && this.project.components.find(PixiDockerImage.isPixiDockerImage) === this) {
      this.project.logger.warn(`PixiDockerImage: ${PixiDockerImageSpec.LOCK_FILE} not found beside ${manifestFile}; run pixi lock before docker build (the images install exactly what it holds).`);
    }
  }

  /**
   * An image that copies the whole context needs a `.dockerignore` that keeps `.pixi/` and `.env` out. One the
   * project generates (DockerIgnore) checks itself; one the user keeps is read, and never changed.
   */
  private checkOwnDockerignore(): void {
    if (this.project.tryFindFile('.dockerignore') !== undefined) return;
    const path = join(this.project.outdir, '.dockerignore');
    const patterns = existsSync(path) ? patternsOf(readFileSync(path, 'utf8')) : [];
    const unreadable = unreadablePattern(patterns);
    if (unreadable >= 0) {
      throw invalidOption('PixiDockerImage', 'sources', '.', `a .dockerignore Docker can read: your .dockerignore has the pattern ${JSON.stringify(patterns[unreadable])}, whose "[" is never closed`);
    }
    const admitted = findAdmittedPaths(patterns);
    if (admitted.length === 0) return;
    throw invalidOption('PixiDockerImage', 'sources', '.',
      `a build context whose .dockerignore keeps ${admitted.join(' and ')} out, as the whole context is copied: add them to ${existsSync(path) ? 'your .dockerignore' : 'a .dockerignore (new DockerIgnore(project) writes one)'}, or name the sources one by one`);
  }
}

