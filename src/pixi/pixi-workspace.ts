import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, FileBase, Project, SampleFile } from 'projen';
import { PixiManifestFile } from './manifest-file';
import { WORKSPACE_OPTIONS } from './option-shapes';
import { PixiWorkspaceOptions } from './options';
import { pixiTablesOf } from './parsed';
import { IPixiWorkspace, PixiEnvironmentView } from './pixi-workspace-interface';
import { PixiWorkspaceSpec } from './pixi-workspace-spec';
import { addPixiRepositoryLines } from './repository-lines';
import { RenderedFile } from '../util/rendered-file';
import { builtChecked, checkShape } from '../util/shape';
import { parseToml } from '../util/toml';
import { fileExists, handOver, refuseToOverwrite } from '../util/user-files';
import { invalidOption, requireOneOf } from '../util/validate';

/**
 * The workspace of each project, found in constant time (projen's `components` walks the whole tree, which every
 * image asks for) and shared by every copy of this library in the process, as `Symbol.for` keys are.
 */
const WORKSPACES: WeakMap<Project, PixiWorkspace> = ((globalThis as any)[Symbol.for('projen-pixi.workspaces')] ??= new WeakMap());
/** Lets `fromManifest` reuse the constructor without putting a manifest into the public options. */
const ADOPTED_MANIFEST = Symbol('adopted manifest');
/** Lets `seeded` reuse the constructor: the manifest is written once, then left to the user. */
const SEED = Symbol('seed');

/**
 * The pixi workspace of a project, in one of three modes:
 *
 * - `new PixiWorkspace(project, options)` writes `pixi.toml` from typed options. The file is
 *   generated and read-only: change `.projenrc.ts`, not the file, and `pixi add` cannot edit it.
 *   A manifest the user wrote at that path is never overwritten: construction throws instead.
 * - `PixiWorkspace.fromManifest(project, 'pixi.toml')` reads a manifest the project already has
 *   (also `pyproject.toml` with `[tool.pixi]`). It never writes or deletes the file, so `pixi add`
 *   keeps working.
 * - `PixiWorkspace.seeded(project, options)` writes `pixi.toml` once from the options, as `pixi init`
 *   would, when the project has no manifest yet, and adopts the manifest from then on.
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
    if (!existsSync(path)) throw invalidOption('PixiWorkspace', 'manifestFile', manifestFile, `a manifest that exists in ${project.outdir}: not found`);
    const manifest = PixiWorkspaceSpec.fromFile(path);
    return new PixiWorkspace(project, { [ADOPTED_MANIFEST]: manifest } as PixiWorkspaceOptions);
  }

  /**
   * The manifest of the project, written once from `options` when there is none yet (as `pixi init`
   * writes one) and adopted as it is from then on, so `pixi add` and `pixi upgrade` edit it and
   * `npx projen` never undoes them. An existing `pixi.toml`, or a `pyproject.toml` with `[tool.pixi]`,
   * is adopted and the options are not used; check them against it with `PixiWorkspaceSpec` if they matter.
   * @param project the project whose directory holds the workspace
   * @param options the workspace to write when the project has no manifest
   */
  public static seeded(project: Project, options: PixiWorkspaceOptions = {}): PixiWorkspace {
    const existing = PixiWorkspace.manifestIn(project.outdir);
    if (existing) return PixiWorkspace.fromManifest(project, existing);
    return new PixiWorkspace(project, { ...options, [SEED]: true } as PixiWorkspaceOptions);
  }

  /**
   * The manifest file pixi would read in a directory: `pixi.toml`, else a `pyproject.toml` with a
   * `[tool.pixi]` table; undefined when there is neither.
   * @param directory the directory to look in
   */
  public static manifestIn(directory: string): PixiManifestFile | undefined {
    if (fileExists(join(directory, PixiManifestFile.PIXI_TOML))) return PixiManifestFile.PIXI_TOML;
    const pyproject = join(directory, PixiManifestFile.PYPROJECT_TOML);
    if (!fileExists(pyproject)) return undefined;
    let document: Record<string, unknown>;
    try {
      document = parseToml(readFileSync(pyproject, 'utf8'));
    } catch {
      return undefined; // not pixi's to read; pixi ignores it too
    }
    return pixiTablesOf(document, PixiManifestFile.PYPROJECT_TOML) ? PixiManifestFile.PYPROJECT_TOML : undefined;
  }

  /**
   * The project's workspace, if it has one.
   * @param project the project to search (not its subprojects)
   */
  public static of(project: Project): PixiWorkspace | undefined {
    return WORKSPACES.get(project);
  }

  /** The manifest, written from the options or read from the file, that the queries are answered from. */
  public readonly spec: PixiWorkspaceSpec;
  /** The generated `pixi.toml`; undefined for an adopted manifest. */
  public readonly file?: FileBase;

  /**
   * Writes `pixi.toml` from typed options; invalid values throw here, before anything is written.
   * @param project the project whose directory holds the workspace
   * @param options the workspace
   */
  public constructor(project: Project, options: PixiWorkspaceOptions = {}) {
    checkShape('PixiWorkspace', options, WORKSPACE_OPTIONS);
    const internal = options as Record<symbol, unknown>;
    const adopted = internal[ADOPTED_MANIFEST] as PixiWorkspaceSpec | undefined;
    const seed = internal[SEED] === true;
    const manifest = adopted ?? PixiWorkspaceSpec.fromOptions(builtChecked(WORKSPACE_OPTIONS, { ...options, name: options.name ?? project.name }));
    if (PixiWorkspace.of(project)) {
      throw invalidOption('PixiWorkspace', 'project', project.name, 'a project that has no pixi workspace yet: this one already has a pixi workspace');
    }
    if (!adopted && !seed) {
      refuseToOverwrite('PixiWorkspace', project.outdir, manifest.manifestFile,
        'adopt it with PixiWorkspace.fromManifest(project), or move it away to have one generated from these options');
    }
    super(project, 'PixiWorkspace');
    addPixiRepositoryLines(project, 'PixiWorkspace');
    WORKSPACES.set(project, this);
    this.spec = manifest;
    for (const warning of manifest.warnings) project.logger.warn(`PixiWorkspace: ${manifest.manifestFile}: ${warning}`);
    if (seed) {
      // Written as pixi init writes it: no marker, writable, never rewritten once it exists.
      new SampleFile(project, manifest.manifestFile, { contents: manifest.render() });
    } else if (!adopted) {
      this.file = new RenderedFile(this, manifest.manifestFile, (marker) => manifest.render({ headerComment: marker }));
    }
  }

  /**
   * An adopted manifest is the user's: it comes off projen's list of generated files, so that the
   * clean-up never deletes it, and one projen generated earlier is handed over (marker dropped,
   * writable) so that `pixi add` can edit it.
   */
  public preSynthesize(): void {
    if (this.spec.generated) return;
    const file = this.spec.manifestFile;
    if (handOver(this.project.outdir, file)) {
      this.project.logger.info(`PixiWorkspace: ${file} was generated by projen and is now yours: edit it, or use pixi add.`);
    }
  }

  /** The manifest file. */
  public get manifestFile(): PixiManifestFile {
    return this.spec.manifestFile;
  }

  /** Environment names; always includes `default`. */
  public get environmentNames(): string[] {
    return this.spec.environmentNames;
  }

  /**
   * One environment, described on one of its `linux-64` platforms; undefined when the workspace has
   * no environment of that name. The spec (`spec`) answers finer queries.
   * @param environment an environment name
   * @param platform one of its `linux-64` platforms; defaults to the first
   */
  public environmentView(environment: string, platform?: string): PixiEnvironmentView | undefined {
    return this.spec.environmentView(environment, platform);
  }

  /** The workspace's `requires-pixi`, if it sets one. */
  public get requiresPixi(): string | undefined {
    return this.spec.requiresPixi;
  }
}
