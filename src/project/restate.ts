import { OWN_OPTION_NAMES } from './option-checks';
import { kebabCase, OptionNames } from './option-names';
import { PixiValidationError } from '../errors/pixi-validation-error';

/**
 * The PixiProject option behind each option of the constructs it builds, as their errors name them:
 * `PixiDockerImage`'s `finalImage` is PixiProject's `finalImage` (`--final-image` to `projen new`).
 */
const PROJECT_OPTION_OF: Record<string, Record<string, string>> = {
  PixiDockerImage: {
    environment: 'environments',
    finalImage: 'finalImage',
    ports: 'ports',
    user: 'user',
    command: 'command',
    sourceDir: 'sourceDir',
    installInputs: 'installInputs',
    platform: 'imagePlatform',
  },
  PixiWorkspace: {
    platforms: 'platforms',
    dependencies: 'dependencies',
    // PixiProject makes a feature (with the CUDA requirement) of every environment but the default.
    features: 'environments',
    environments: 'environments',
  },
  PixiTestWorkflow: { environments: 'environments', tasks: 'testTasks' },
};

/**
 * A refusal of a construct PixiProject built, restated in the PixiProject option (or `projen new`
 * switch) the value came from; any other error as it is.
 */
export function inProjectOptions(error: unknown, names: OptionNames): unknown {
  if (!(error instanceof PixiValidationError)) return error;
  const base = /^[^.[\s]*/.exec(error.option)![0];
  const option = PROJECT_OPTION_OF[error.construct]?.[base];
  const cli = names === OptionNames.CLI;
  if (option === undefined) {
    if (!cli || inSwitches(error.allowed) === error.allowed) return error;
    return new PixiValidationError(error.construct, error.option, error.value, inSwitches(error.allowed), error.problem, error.suggestion);
  }
  // A switch stands for the whole list; in code, the path inside it still helps.
  // (A key of a construct's record is an entry of PixiProject's list: `environments key` is `environments`.)
  const path = cli ? '' : error.option.slice(base.length).replace(/ key$/, '');
  const allowed = cli ? inSwitches(error.allowed) : error.allowed;
  return new PixiValidationError(names.owner, `${names.of(option)}${path}`, error.value, allowed, error.problem, error.suggestion);
}

/**
 * The advice of a message in `projen new`'s switches: `copySources: false` → `--no-copy-sources`,
 * `installInputs` → `--install-inputs`. Only PixiProject's camelCase option names are rewritten:
 * `user` or `ports` may be plain words of the text.
 */
export function inSwitches(text: string): string {
  const own = (name: string) => OWN_OPTION_NAMES.includes(name);
  return text
    .replace(/\b([a-z]+[A-Z][A-Za-z]*): (true|false)\b/g, (whole, name: string, value: string) =>
      own(name) ? `--${value === 'false' ? 'no-' : ''}${kebabCase(name)}` : whole)
    .replace(/\b([a-z]+[A-Z][A-Za-z]*): /g, (whole, name: string) => own(name) ? `--${kebabCase(name)} ` : whole)
    .replace(/(?<![\w.-])([a-z]+[A-Z][A-Za-z]*)\b/g, (whole, name: string) => own(name) ? `--${kebabCase(name)}` : whole);
}
