import { OWN_OPTION_NAMES } from './option-checks';
import { kebabCase, optionBase, OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { IMAGE_CONTENT_FIELDS } from '../docker/option-shapes';
import { PixiDockerImageOptions } from '../docker/options';
import { RefusalNaming } from '../errors/refusal-naming';
import { WORKFLOW_FIELDS } from '../github/option-shapes';
import { PixiTestWorkflowOptions } from '../github/options';
import { PixiWorkspaceOptions } from '../pixi/options';

/** For each option of a construct, the PixiProject option its value came from. */
type ProjectOptionOf<T> = { readonly [K in keyof T]?: keyof PixiProjectOptions };

/** Each option of the fields named as itself. */
function sameNames<T>(fields: T): { readonly [K in keyof T]: K } {
  return Object.fromEntries(Object.keys(fields as object).map((name) => [name, name])) as { readonly [K in keyof T]: K };
}

/**
 * The PixiProject option behind each option of the constructs it builds, as their errors name them:
 * `PixiDockerImage`'s `finalImage` is PixiProject's `finalImage` (`--final-image` to `projen new`).
 */
const PROJECT_OPTION_OF: {
  readonly PixiDockerImage: ProjectOptionOf<PixiDockerImageOptions>;
  readonly PixiWorkspace: ProjectOptionOf<PixiWorkspaceOptions>;
  readonly PixiTestWorkflow: ProjectOptionOf<PixiTestWorkflowOptions>;
} = {
  // PixiProject takes the images' content options under their own names.
  PixiDockerImage: { ...sameNames(IMAGE_CONTENT_FIELDS), environment: 'environments', platform: 'imagePlatform' },
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
 * The naming of refusals made while PixiProject builds its constructs: each is stated in the
 * PixiProject option (or `projen new` switch) the value came from; a refusal of an option PixiProject
 * does not pass keeps its construct's name.
 * @param note the last line of every refusal's message, if any (what `projen new` left behind)
 */
export function projectNaming(names: OptionNames, note?: () => string): RefusalNaming {
  const cli = names === OptionNames.CLI;
  return (parts) => {
    const noted = note === undefined ? parts : { ...parts, note: note() };
    const base = optionBase(parts.option);
    // The workflow's options are PixiProject's dockerWorkflow struct, whole.
    if (parts.construct === 'GhcrWorkflow' && Object.keys(WORKFLOW_FIELDS).includes(base)) {
      return { ...noted, construct: names.owner, option: `${names.of('dockerWorkflow')}.${parts.option}`, allowed: parts.allowed };
    }
    const of: Record<string, string | undefined> | undefined = (PROJECT_OPTION_OF as Record<string, Record<string, string>>)[parts.construct];
    const option = of?.[base];
    const allowed = cli ? inSwitches(parts.allowed) : parts.allowed;
    if (option === undefined) return { ...noted, allowed };
    // A switch stands for the whole list; in code, the path inside it still helps.
    // (A key of a construct's record is an entry of PixiProject's list: `environments key` is `environments`.)
    const path = cli ? '' : parts.option.slice(base.length).replace(/ key$/, '');
    return { ...noted, construct: names.owner, option: `${names.of(option)}${path}`, allowed };
  };
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
