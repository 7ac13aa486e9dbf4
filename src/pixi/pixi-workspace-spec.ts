import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { fromOptions } from './authored';
import { PixiManifestFile } from './manifest-file';
import * as model from './model';
import { PixiActivation, PixiWorkspaceOptions } from './options';
import { parseManifest } from './parsed';
import { PackageManifest, PathDependencyModel } from './path-dependencies';
import { IPixiWorkspace, PixiEnvironmentView, PixiPathDependency } from './pixi-workspace-interface';
import { RenderOptions } from '../util/render-options';
import { headerCommentOf } from '../util/shape';
import { isTable, parseToml, stringifyToml } from '../util/toml';
import { invalidOption } from '../util/validate';

/**
 * A pixi manifest free of projen: written from typed options (and rendered as TOML), or read
 * from an existing `pixi.toml` / `pyproject.toml`; either way it answers the queries other
 * constructs ask.
 */
export class PixiWorkspaceSpec implements IPixiWorkspace {
  /**
   * A manifest written from typed options; throws on any invalid value.
   * @param options the workspace
   */
  public static fromOptions(options: PixiWorkspaceOptions): PixiWorkspaceSpec {
    const authored = fromOptions(options);
    return new PixiWorkspaceSpec(authored.model, authored.document);
  }

  /**
   * Reads an existing manifest (pixi.toml, or pyproject.toml with `[tool.pixi]`; TOML 1.1 syntax is accepted).
   * @param text the file's content
   * @param fileName the file's name, used to tell the kind and in error messages
   */
  public static parse(text: string, fileName: string): PixiWorkspaceSpec {
    if (typeof text !== 'string') throw invalidOption('PixiWorkspaceSpec', 'text', text, 'the text of a manifest');
    if (typeof fileName !== 'string') throw invalidOption('PixiWorkspaceSpec', 'fileName', fileName, 'the name of a manifest file, e.g. "pixi.toml"');
    return new PixiWorkspaceSpec(parseManifest(text, fileName));
  }

  /**
   * Reads a manifest from disk. Unlike `parse`, it also reads the manifests of the packages the
   * workspace builds from local paths, so that the paths their builds read are known.
   * @param path the manifest file (`.../pixi.toml` or `.../pyproject.toml`)
   */
  public static fromFile(path: string): PixiWorkspaceSpec {
    if (!existsSync(path)) throw invalidOption('PixiWorkspace', 'path', path, 'a manifest file that exists: not found');
    const root = dirname(path);
    return new PixiWorkspaceSpec(parseManifest(readFileSync(path, 'utf8'), path.split('/').pop()!, (directory) => readPackage(join(root, directory))));
  }

  private readonly model: model.WorkspaceModel;
  private readonly document?: Record<string, unknown>;

  private constructor(workspaceModel: model.WorkspaceModel, document?: Record<string, unknown>) {
    this.model = workspaceModel;
    this.document = document;
  }

  /** What pixi warns about when it reads the manifest (deprecated tables it still reads). */
  public get warnings(): string[] {
    return [...this.model.warnings ?? []];
  }

  /** Whether the manifest was written from options (and can be rendered). */
  public get generated(): boolean {
    return this.document !== undefined;
  }

  /** The manifest file. */
  public get manifestFile(): PixiManifestFile {
    return this.model.manifestFile;
  }

  /** The workspace name, if the manifest sets one. */
  public get name(): string | undefined {
    return this.model.name;
  }

  /** Environment names; always includes `default`. */
  public get environmentNames(): string[] {
    return model.environmentNames(this.model);
  }

  /**
   * One environment, described on one of its `linux-64` platforms; undefined when the workspace has
   * no environment of that name.
   * @param environment an environment name
   * @param platform one of its `linux-64` platforms; defaults to the first
   */
  public environmentView(environment: string, platform?: string): PixiEnvironmentView | undefined {
    if (!this.hasEnvironment(environment)) return undefined;
    const platforms = model.platformsOf(this.model, environment);
    const chosen = model.imagePlatform(this.model, environment, platform);
    const activation = model.activationOf(this.model, environment, chosen);
    return {
      name: environment,
      features: model.featuresOf(this.model, environment),
      platforms: platforms.map((p) => p.name),
      subdirs: [...new Set(platforms.map((p) => p.subdir))],
      imagePlatforms: platforms.filter((p) => p.subdir === model.IMAGE_SUBDIR).map((p) => p.name),
      platform: chosen?.name,
      cudaVersion: model.cudaVersionFor(this.model, environment, chosen),
      pathDependencies: copyPathDependencies(model.pathDependenciesOf(this.model, environment, chosen)),
      gitDependencies: model.gitDependenciesOf(this.model, environment, chosen).map((dep) => dep.origin),
      activation: { scripts: activation.scripts, env: Object.fromEntries(activation.env) },
      tasks: model.tasksOf(this.model, environment),
    };
  }

  /**
   * Whether the workspace has the environment.
   * @param environment an environment name
   */
  public hasEnvironment(environment: string): boolean {
    return model.findEnvironment(this.model, environment) !== undefined;
  }

  /**
   * The features an environment is made of: `default` first unless the environment leaves it out.
   * @param environment an environment name
   */
  public featuresOf(environment: string): string[] {
    return model.featuresOf(this.model, environment);
  }

  /**
   * Names of the platforms the environment can be installed on.
   * @param environment an environment name
   */
  public platformsOf(environment: string): string[] {
    return model.platformsOf(this.model, environment).map((p) => p.name);
  }

  /**
   * Conda subdirs of the environment's platforms, each once.
   * @param environment an environment name
   */
  public subdirsOf(environment: string): string[] {
    return [...new Set(model.platformsOf(this.model, environment).map((p) => p.subdir))];
  }

  /**
   * Names of the environment's `linux-64` platforms, in the workspace's order.
   * @param environment an environment name
   */
  public imagePlatformsOf(environment: string): string[] {
    return model.imagePlatformsOf(this.model, environment).map((p) => p.name);
  }

  /**
   * The CUDA version the environment is solved for on a platform, or undefined.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public cudaVersionFor(environment: string, platform?: string): string | undefined {
    return model.cudaVersionFor(this.model, environment, this.platform(environment, platform));
  }

  /**
   * The dependencies the environment installs from local paths on a `linux-64` platform.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public pathDependenciesOf(environment: string, platform?: string): PixiPathDependency[] {
    return copyPathDependencies(model.pathDependenciesOf(this.model, environment, this.platform(environment, platform)));
  }

  /**
   * The activation scripts and variables of the environment on a `linux-64` platform.
   * @param environment an environment name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  public activationOf(environment: string, platform?: string): PixiActivation {
    const activation = model.activationOf(this.model, environment, this.platform(environment, platform));
    return { scripts: activation.scripts, env: Object.fromEntries(activation.env) };
  }

  /**
   * Names of the tasks `pixi run --environment <environment>` finds, `[target.*]` tables included.
   * @param environment an environment name
   */
  public tasksOf(environment: string): string[] {
    return model.tasksOf(this.model, environment);
  }

  /** The workspace's `requires-pixi`, if it sets one. */
  public get requiresPixi(): string | undefined {
    return this.model.requiresPixi;
  }

  private platform(environment: string, name: string | undefined): model.PlatformModel | undefined {
    const found = model.imagePlatform(this.model, environment, name);
    if (name !== undefined && found === undefined) {
      throw invalidOption('PixiWorkspace', 'platform', name, `a linux-64 platform of the environment "${environment}": ${this.imagePlatformsOf(environment).join(', ') || 'none'}`);
    }
    return found;
  }

  /**
   * Renders a generated manifest as TOML; throws for a manifest that was read from a file, which
   * is never rewritten.
   * @param options where to put a header comment
   */
  public render(options: RenderOptions = {}): string {
    if (!this.document) {
      throw invalidOption('PixiWorkspaceSpec', 'render', this.manifestFile, 'a manifest written from options: one read from a file is not rendered again; edit the file instead');
    }
    const header = headerCommentOf('PixiWorkspaceSpec', options);
    return `${header ? `# ${header}\n\n` : ''}${stringifyToml(this.document).trimEnd()}\n`;
  }
}

function copyPathDependencies(dependencies: readonly PathDependencyModel[]): PixiPathDependency[] {
  return dependencies.map(({ name, path, editable, table, inputs }) => ({ name, path, editable, table, inputs: [...inputs] }));
}

/** The package manifest of a directory, if it has one pixi or uv reads (pixi `crates/pixi_build_discovery/src/discovery.rs`). */
function readPackage(directory: string): PackageManifest | undefined {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return undefined;
  for (const file of ['pixi.toml', 'pyproject.toml']) {
    const path = join(directory, file);
    if (!existsSync(path)) continue;
    let document: Record<string, any>;
    try {
      document = parseToml(readFileSync(path, 'utf8'));
    } catch {
      return undefined; // pixi reports the broken file itself; the directory is still an input
    }
    const pixi = file === 'pixi.toml' ? document : document.tool?.pixi;
    const pkg = isTable(pixi) && isTable(pixi.package) ? pixi.package : undefined;
    const uvSources = isTable(document.tool?.uv?.sources) ? document.tool.uv.sources : undefined;
    if (pkg !== undefined || uvSources !== undefined) return { file, package: pkg, uvSources };
  }
  return undefined;
}
