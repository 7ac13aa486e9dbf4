import { existsSync } from 'fs';
import { join } from 'path';
import { Component, FileBase, Project } from 'projen';
import { PixiManifestFile } from './manifest-file';
import { PixiActivation, PixiWorkspaceOptions } from './options';
import { PixiManifest } from './pixi-manifest';
import { IPixiWorkspace, PixiPathDependency } from './workspace-info';
import { RenderedFile } from '../util/rendered-file';
import { requireOneOf } from '../util/validate';

const IS_PIXI_WORKSPACE = Symbol.for('projen-pixi.PixiWorkspace');
/** Lets `fromManifest` reuse the constructor without putting a manifest into the public options. */
const ADOPTED_MANIFEST = Symbol('adopted manifest');

/**
 * The pixi workspace of a project, in one of two modes:
 *
 * - `new PixiWorkspace(project, options)` writes `pixi.toml` from typed options. The file is
 *   generated and read-only: change `.projenrc.ts`, not the file, and `pixi add` cannot edit it.
 * - `PixiWorkspace.fromManifest(project, 'pixi.toml')` reads a manifest the project already has
 *   (also `pyproject.toml` with `[tool.pixi]`). It never writes or owns the file, so `pixi add`
 *   keeps working.
 *
 * Either way, the images of the project learn from it which environments exist, which need CUDA
 * and which manifest file to copy.
 */
export class PixiWorkspace extends Component implements IPixiWorkspace {
  /**
   * Adopts a manifest the project already has. Reads it now; never writes it.
   * @param project the project whose directory holds the manifest
   * @param manifestFile `pixi.toml` or `pyproject.toml`
   */
  public static fromManifest(project: Project, manifestFile: string = PixiManifestFile.PIXI_TOML): PixiWorkspace {
    const values = Object.values(PixiManifestFile);
    requireOneOf('PixiWorkspace', 'manifestFile', manifestFile, values, `${values.join(' or ')} at the project root`);
    const path = join(project.outdir, manifestFile);
    if (!existsSync(path)) throw new Error(`PixiWorkspace: ${manifestFile} not found in ${project.outdir}`);
    const manifest = PixiManifest.fromFile(path);
    return new PixiWorkspace(project, { [ADOPTED_MANIFEST]: manifest } as PixiWorkspaceOptions);
  }

  /**
   * The project's workspace, if it has one.
   * @param project the project to search (not its subprojects)
   */
  public static of(project: Project): PixiWorkspace | undefined {
    return project.components.find((c): c is PixiWorkspace => IS_PIXI_WORKSPACE in c);
  }

  /** The manifest the queries are answered from. */
  public readonly manifest: PixiManifest;
  /** The generated `pixi.toml`; undefined for an adopted manifest. */
  public readonly file?: FileBase;

  /**
   * Writes `pixi.toml` from typed options; invalid values throw here, before anything is written.
   * @param project the project whose directory holds the workspace
   * @param options the workspace
   */
  public constructor(project: Project, options: PixiWorkspaceOptions = {}) {
    const adopted = (options as Record<symbol, PixiManifest | undefined>)[ADOPTED_MANIFEST];
    const manifest = adopted ?? PixiManifest.fromOptions({ ...options, name: options.name ?? project.name });
    if (PixiWorkspace.of(project)) throw new Error(`PixiWorkspace: the project "${project.name}" already has a pixi workspace`);
    super(project, 'PixiWorkspace');
    Object.defineProperty(this, IS_PIXI_WORKSPACE, { value: true });
    this.manifest = manifest;
    if (!adopted) {
      this.file = new RenderedFile(this, manifest.manifestFile, (marker) => manifest.render({ headerComment: marker }));
    }
  }

  /** The manifest file. */
  public get manifestFile(): PixiManifestFile {
    return this.manifest.manifestFile;
  }

  /** Environment names; always includes `default`. */
  public get environmentNames(): string[] {
    return this.manifest.environmentNames;
  }

  /**
   * Whether the workspace has the environment.
   * @param environment an environment name
   */
  public hasEnvironment(environment: string): boolean {
    return this.manifest.hasEnvironment(environment);
  }

  /**
   * The features an environment is made of.
   * @param environment an environment name
   */
  public featuresOf(environment: string): string[] {
    return this.manifest.featuresOf(environment);
  }

  /**
   * Names of the platforms the environment can be installed on.
   * @param environment an environment name
   */
  public platformsOf(environment: string): string[] {
    return this.manifest.platformsOf(environment);
  }

  /**
   * Conda subdirs of the environment's platforms.
   * @param environment an environment name
   */
  public subdirsOf(environment: string): string[] {
    return this.manifest.subdirsOf(environment);
  }

  /**
   * Names of the environment's `linux-64` platforms, in the workspace's order.
   * @param environment an environment name
   */
  public imagePlatformsOf(environment: string): string[] {
    return this.manifest.imagePlatformsOf(environment);
  }

  /**
   * The CUDA version the environment is solved for on a platform, or undefined.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public cudaVersionFor(environment: string, platform?: string): string | undefined {
    return this.manifest.cudaVersionFor(environment, platform);
  }

  /**
   * The dependencies the environment installs from local paths on a `linux-64` platform.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public pathDependenciesOf(environment: string, platform?: string): PixiPathDependency[] {
    return this.manifest.pathDependenciesOf(environment, platform);
  }

  /**
   * The activation scripts and variables of the environment on a `linux-64` platform.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public activationOf(environment: string, platform?: string): PixiActivation {
    return this.manifest.activationOf(environment, platform);
  }

  /** The workspace's `requires-pixi`, if it sets one. */
  public get requiresPixi(): string | undefined {
    return this.manifest.requiresPixi;
  }
}
