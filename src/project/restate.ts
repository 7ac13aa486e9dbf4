import { OptionNames } from './option-names';
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
  if (option === undefined) return error;
  // A switch stands for the whole list; in code, the path inside it still helps.
  // (A key of a construct's record is an entry of PixiProject's list: `environments key` is `environments`.)
  const path = names === OptionNames.API ? error.option.slice(base.length).replace(/ key$/, '') : '';
  return new PixiValidationError(names.owner, `${names.of(option)}${path}`, error.value, error.allowed, error.problem);
}
