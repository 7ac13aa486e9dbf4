/**
 * How errors name an option: by its API name in a projenrc (`cudaVersion`), or by its command-line
 * switch while `projen new` runs (`--cuda-version`), so that the message speaks the user's language.
 */
export class OptionNames {
  /** Names for a projenrc: `PixiProject: invalid cudaVersion ...`. */
  public static readonly API = new OptionNames('PixiProject', (name) => name);
  /** Names for `projen new`: `projen new: invalid --cuda-version ...`; a switch stands for its whole list (`ports[1]` is `--ports`). */
  public static readonly CLI = new OptionNames('projen new', (name) => `--${kebabCase(optionBase(name))}`);

  private constructor(
    /** Who speaks in the error. */
    public readonly owner: string,
    /** The name the user typed for an option. */
    public readonly of: (name: string) => string,
  ) {}
}

/** The option a path inside it belongs to: `ports[1]` and `features.cuda key` are `ports` and `features`. */
export function optionBase(path: string): string {
  return /^[^.[\s]*/.exec(path)![0];
}

/** `cudaVersion` → `cuda-version`, as projen derives a switch from an option name. */
export function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Whether `projen new` is creating the project in this process (projen sets this before running the project type). */
export function isProjenNew(): boolean {
  return process.env.PROJEN_CREATE_PROJECT === 'true';
}
