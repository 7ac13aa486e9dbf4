/*
 * The typed form of pixi's manifest (pixi.toml). Field names are pixi's keys in camelCase;
 * the renderer writes pixi's kebab-case keys.
 */

/** How strictly channel order decides where a package comes from (`channel-priority`). */
export enum ChannelPriority {
  /** Take a package only from the first channel that has it (pixi's default). */
  STRICT = 'strict',
  /** Prefer higher-priority channels, but fall back to lower ones for other versions. */
  FLEXIBLE = 'flexible',
  /** Treat all channels as one. */
  DISABLED = 'disabled',
}

/**
 * A conda dependency given as a table, e.g. `{ version: '>=2.7', channel: 'pytorch' }`.
 */
export interface CondaDependency {
  /** Version spec, e.g. `>=2.7.1,<3`. @default - any version */
  readonly version?: string;
  /** Build string (`build` in pixi.toml), e.g. `*cuda*`. @default - any build */
  readonly buildString?: string;
  /** Channel the package must come from. @default - the workspace channels */
  readonly channel?: string;
}

/**
 * A PyPI dependency given as a table. Use one source: a version (with `index`), `git` (with one of
 * `rev`, `branch` or `tag`), `path` or `url`.
 */
export interface PypiDependency {
  /** PEP 440 version spec, e.g. `>=1.2`. @default - any version */
  readonly version?: string;
  /** PEP 508 extras, e.g. `['cuda']`. @default - none */
  readonly extras?: string[];
  /** Index URL to fetch the package from. @default - the workspace's PyPI options */
  readonly index?: string;
  /** Git URL of the repository. @default - not from git */
  readonly git?: string;
  /** Git commit (with `git`). @default - the default branch */
  readonly rev?: string;
  /** Git branch (with `git`). @default - the default branch */
  readonly branch?: string;
  /** Git tag (with `git`). @default - the default branch */
  readonly tag?: string;
  /** Subdirectory of the repository or path holding the package. @default - the root */
  readonly subdirectory?: string;
  /** Local path to a source tree or wheel. @default - not from a path */
  readonly path?: string;
  /** Install a `path` dependency in editable mode. @default false */
  readonly editable?: boolean;
  /** URL of a source archive or wheel. @default - not from a URL */
  readonly url?: string;
}

/** Minimum system the environment needs (`system-requirements`; pixi < 0.71 style). */
export interface PixiSystemRequirements {
  /** Minimum CUDA driver version, e.g. `12` or `12.9`. @default - no CUDA */
  readonly cuda?: string;
  /** Minimum glibc version, e.g. `2.28`. @default - pixi's default */
  readonly libc?: string;
  /** Minimum Linux kernel version. @default - pixi's default */
  readonly linux?: string;
  /** Minimum macOS version. @default - pixi's default */
  readonly macos?: string;
  /** CPU microarchitecture, e.g. `x86_64_v3`. @default - none */
  readonly archspec?: string;
}

/**
 * A rich workspace platform (pixi >= 0.71): a conda subdir plus virtual packages it guarantees,
 * with a name that features can refer to, e.g. `{ name: 'linux-64-cuda', platform: 'linux-64', cuda: '12' }`.
 */
export interface PixiRichPlatform {
  /** Name features and targets use for this platform. @default - derived by pixi from the other fields */
  readonly name?: string;
  /** The conda subdir, e.g. `linux-64`. @default - `name`, read as a subdir */
  readonly platform?: string;
  /** CUDA driver version the platform guarantees (`__cuda`). @default - none */
  readonly cuda?: string;
  /** glibc version the platform guarantees (`__glibc`). @default - pixi's default */
  readonly glibc?: string;
  /** Linux kernel version the platform guarantees (`__linux`). @default - pixi's default */
  readonly linux?: string;
  /** macOS version the platform guarantees (`__osx`). @default - pixi's default */
  readonly macos?: string;
  /** CPU microarchitecture the platform guarantees (`__archspec`). @default - none */
  readonly archspec?: string;
}

/** A named argument of a task, used as `{{ name }}` in its command. */
export interface PixiTaskArgument {
  /** Argument name. */
  readonly arg: string;
  /** Value when the argument is not given. @default - the argument is required */
  readonly default?: string;
  /** Allowed values. @default - any value */
  readonly choices?: string[];
}

/** A task given as a table. */
export interface PixiTask {
  /** Command, run in pixi's deno_task_shell; a string or a list of words. @default - none (an alias of `dependsOn`) */
  readonly cmd?: string | string[];
  /** Tasks run before this one. @default - none */
  readonly dependsOn?: string[];
  /** Working directory, relative to the workspace. @default - the workspace root */
  readonly cwd?: string;
  /** Environment variables of the task. @default - none */
  readonly env?: Record<string, string>;
  /** What the task does, shown by `pixi task list`. @default - none */
  readonly description?: string;
  /** Glob patterns whose change makes the task run again. @default - always run */
  readonly inputs?: string[];
  /** Glob patterns the task produces. @default - none */
  readonly outputs?: string[];
  /** Named arguments. @default - none */
  readonly args?: PixiTaskArgument[];
  /** Run with only the variables pixi sets. @default false */
  readonly cleanEnv?: boolean;
  /** Environment the task runs in by default. @default - the default environment */
  readonly defaultEnvironment?: string;
}

/** What happens when an environment is activated. */
export interface PixiActivation {
  /** Environment variables set on activation. @default - none */
  readonly env?: Record<string, string>;
  /** Scripts sourced on activation, relative to the workspace. @default - none */
  readonly scripts?: string[];
}

/** The tables that can be set for one platform (`[target.<platform>]`). */
export interface PixiTarget {
  /** Conda dependencies: a version spec or a table. @default - none */
  readonly dependencies?: Record<string, string | CondaDependency>;
  /** PyPI dependencies: a version spec or a table. @default - none */
  readonly pypiDependencies?: Record<string, string | PypiDependency>;
  /** Tasks: a command or a table. @default - none */
  readonly tasks?: Record<string, string | PixiTask>;
  /** Activation. @default - none */
  readonly activation?: PixiActivation;
}

/** The tables shared by the workspace (its default feature) and every feature. */
export interface PixiFeatureTables extends PixiTarget {
  /** System requirements. @default - none */
  readonly systemRequirements?: PixiSystemRequirements;
  /** Tables per platform, keyed by platform (`linux-64`), selector (`linux`, `unix`) or rich platform name. @default - none */
  readonly targets?: Record<string, PixiTarget>;
}

/** A feature (`[feature.<name>]`): a composable part of environments. */
export interface PixiFeature extends PixiFeatureTables {
  /** Platforms the feature supports; names from the workspace's platforms. @default - all workspace platforms */
  readonly platforms?: string[];
  /** Channels of the feature, added to the workspace's. @default - the workspace channels */
  readonly channels?: string[];
}

/** An environment (`[environments]`): a set of features solved together. */
export interface PixiEnvironment {
  /** Features of the environment. @default - none (only the default feature) */
  readonly features?: string[];
  /** Environments of one solve group get the same versions of shared packages. @default - solved alone */
  readonly solveGroup?: string;
  /** Leave out the default feature (the workspace's top-level tables). @default false */
  readonly noDefaultFeature?: boolean;
}

/**
 * A pixi workspace written as TypeScript, free of projen: the `[workspace]` table, the default feature's
 * tables, features and environments; the options of {@link PixiWorkspaceSpec.fromOptions}.
 */
export interface PixiWorkspaceOptions extends PixiFeatureTables {
  /** Workspace name. @default - none ({@link PixiWorkspace}: the project name) */
  readonly name?: string;
  /** Workspace version. @default - none */
  readonly version?: string;
  /** One-line description. @default - none */
  readonly description?: string;
  /** Authors, e.g. `Jane Doe <jane@example.org>`. @default - none */
  readonly authors?: string[];
  /** Conda channels, in priority order. @default ["conda-forge"] */
  readonly channels?: string[];
  /**
   * Platforms to solve for: conda subdirs such as `linux-64`, or rich platforms (pixi >= 0.71).
   * @default ["linux-64"]
   */
  readonly platforms?: Array<string | PixiRichPlatform>;
  /** Version spec of pixi that can use the workspace, e.g. `>=0.71`. @default - any */
  readonly requiresPixi?: string;
  /** Channel priority. @default - pixi's default (strict) */
  readonly channelPriority?: ChannelPriority;
  /** Features by name. @default - none */
  readonly features?: Record<string, PixiFeature>;
  /** Environments by name (`^[a-z\d-]+$`); `default` always exists. @default - only `default` */
  readonly environments?: Record<string, PixiEnvironment>;
  /**
   * Keys the options do not cover, by dotted TOML path, e.g. `{ 'pypi-options.index-url': 'https://…',
   * 'feature.gpu.host-dependencies': { cuda: '12.*' } }` (`\\.` for a dot inside a key). They are added to the
   * generated manifest before anything reads it, so the images see them too; a key the options write is
   * refused (change the option), and the manifest must still pass pixi's schema.
   * @default - none
   */
  readonly overrides?: Record<string, any>;
}
