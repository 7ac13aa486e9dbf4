/*
 * What `projen new --from projen-pixi` needs beyond the project itself: its command line checked,
 * what the repository already decided written into `.projenrc.js`, and the next steps printed.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { InitProject, javascript, Project } from 'projen';
import { NUMBER_OPTIONS, OPTION_NAMES, OWN_OPTION_NAMES } from './option-checks';
import { kebabCase, OptionNames } from './option-names';
import { switchLines } from './switches';
import { ImageToTry, tryCommands } from './try-commands';
import { PixiValidationError } from '../errors/pixi-validation-error';
import { PROJENRC_FILES } from '../util/projenrc-marker';
import { closestName } from '../util/suggest';
import { invalidOption } from '../util/validate';

/** Switches of projen's CLI and of `projen new` itself (projen 0.103, src/cli/index.ts and src/cli/cmds/new.ts). */
const PROJEN_SWITCHES = ['from', 'f', 'synth', 'comments', 'git', 'post', 'watch', 'w', 'debug', 'help', 'h', 'version', 'projen-version'];

/**
 * Refuses a switch that neither projen nor PixiProject knows. projen hands PixiProject only the
 * options it declares and drops the rest, so `--enviroments gpu` would silently build `default`.
 * @param argv the process's arguments
 */
export function checkCommandLine(argv: readonly string[]): void {
  const known = [...PROJEN_SWITCHES, ...OPTION_NAMES.map(kebabCase), ...OPTION_NAMES];
  for (const token of argv.slice(2)) {
    if (token === '--') break;
    if (!/^--?[A-Za-z]/.test(token)) continue;
    const name = token.replace(/^--?/, '').split('=')[0];
    const bare = name.startsWith('no-') ? name.slice(3) : name;
    if (known.includes(name) || known.includes(bare)) continue;
    const suggestion = closestName(bare, OPTION_NAMES.map(kebabCase));
    // projen's --help cannot list them: it installs projen-pixi only after parsing the command line.
    throw new PixiValidationError('projen new', `--${bare}`, token, [
      'the switches of pixi, besides projen\'s own (--name, --outdir, --no-git, --no-synth, --no-comments, ...):',
      ...switchLines(OWN_OPTION_NAMES),
    ].join('\n'), 'unknown option', suggestion && `--${suggestion}`);
  }
}

/**
 * Refuses to run `projen new` over a projen project. projen would synthesize the files from the new
 * switches but keep the `.projenrc.js` there (it never overwrites one), so the next `npx projen`
 * would silently bring the old files back.
 * @param outdir the folder projen new works in
 */
export function refuseExistingProject(outdir: string): void {
  const projenrc = PROJENRC_FILES.find((file) => existsSync(join(outdir, file)));
  if (projenrc === undefined) return;
  const what = projenrc === '.projenrc.js'
    ? `change its options in ${projenrc} and run npx projen; to start over from new switches, remove ${projenrc} first`
    : `add projen-pixi's constructs to ${projenrc} instead (README: "In other projen projects")`;
  throw new PixiValidationError('projen new', 'folder', outdir,
    `a folder that is not a projen project yet; this one has ${projenrc}, which projen new would not replace: ${what}`);
}

/** What a port switch takes, as the images' `EXPOSE` does. */
const PORT_ALLOWED = 'port numbers, whole numbers from 1 to 65535, e.g. --ports 8080 8443 (the TCP ports the container listens on; no "/tcp" or "/udp")';

/**
 * Refuses a value of a number switch that is not a whole number as typed. projen parses them with
 * parseInt, so `--ports abc` arrives as NaN (shown as null) and `--ports 80x` as 80; only the
 * command line still has what the user typed.
 * @param argv the process's arguments
 */
export function checkNumberSwitches(argv: readonly string[]): void {
  for (const name of NUMBER_OPTIONS) {
    for (const value of switchValues(argv, kebabCase(name))) {
      if (!/^\d+$/.test(value)) throw invalidOption(OptionNames.CLI.owner, OptionNames.CLI.of(name), value, PORT_ALLOWED);
    }
  }
}

/** The words given to an array switch: `--name a b`, `--name=a`, up to the next switch (a negative number is a word). */
function switchValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  const tokens = argv.slice(2);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === '--') break;
    if (tokens[i].startsWith(`--${name}=`)) values.push(tokens[i].slice(name.length + 3));
    if (tokens[i] !== `--${name}`) continue;
    while (i + 1 < tokens.length && (!tokens[i + 1].startsWith('-') || /^-\d/.test(tokens[i + 1]))) values.push(tokens[++i]);
  }
  return values;
}

/** The last line of a failed `projen new`'s message: what it left behind in the directory. */
export function leftBehindByProjenNew(outdir: string): string {
  // projen new installs projen and the project type with npm before it runs the project type.
  const installed = ['node_modules/', 'package.json'].filter((path) => existsSync(join(outdir, path)));
  const leftBehind = installed.length > 0
    ? `before that, npm installed projen and projen-pixi there: ${installed.join(' and ')} (created if there was none; `
      + 'remove what you did not have, e.g. "rm -rf node_modules", if you do not try again)'
    : 'nothing is left behind';
  return `projen new stopped before writing any file of the project; ${leftBehind}.`;
}

/**
 * A bug met while `projen new` runs, saying what it left behind. Not a refusal (those say it
 * themselves): a plain `Error` that keeps the bug's message and points to its stack.
 */
export function failedProjenNew(error: unknown, outdir: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  // Not a refusal of an option: a bug, reported with what the user must clean up.
  return new Error(`${message}\n${leftBehindByProjenNew(outdir)}`);
}

/**
 * `.projenrc.js` as `projen new` writes it, with the arguments rewritten first: what the
 * repository already has (its ignore lines, its source directory) is added, and what went into a
 * manifest that is now the user's is left out, so that the next `npx projen` neither loses the one
 * nor fights `pixi add` over the other.
 */
export class BootstrapProjenrc extends javascript.Projenrc {
  private readonly rewrite: (args: Record<string, unknown>) => Record<string, unknown>;
  private readonly leftOutNote: string;

  /**
   * @param rewrite the arguments as `.projenrc.js` should hold them
   * @param leftOutNote why a given switch the rewrite left out is not an option, shown beside its value
   */
  constructor(project: Project, rewrite: (args: Record<string, unknown>) => Record<string, unknown>, leftOutNote: string) {
    super(project);
    this.rewrite = rewrite;
    this.leftOutNote = leftOutNote;
  }

  public projectCreation(initProject: InitProject): void {
    const args = this.rewrite({ ...initProject.args });
    const leftOut = Object.keys(initProject.args).filter((name) => initProject.args[name] !== undefined && args[name] === undefined);
    // projen comments an option left out as `// name: <its default>`, which would read `undefined` for a
    // switch just given: show the value it was given instead, and where it went.
    const options = initProject.type.options.map((option) => (leftOut.includes(option.name)
      ? { ...option, default: JSON.stringify(asGiven(initProject.args[option.name], option.type)), docs: this.leftOutNote, featured: true }
      : option));
    super.projectCreation({ ...initProject, args, type: { ...initProject.type, options } });
  }
}

/** A switch's value as its option takes it: projen's parser reads `--cuda-version 12` as the number 12. */
function asGiven(value: unknown, jsiiType: { primitive?: string } | undefined): unknown {
  return jsiiType?.primitive === 'string' && typeof value === 'number' ? String(value) : value;
}

/**
 * What to do after `projen new`, printed when it is done.
 * @param locked whether the workspace has its `pixi.lock` already (then there is nothing to lock)
 */
export function nextSteps(images: ReadonlyArray<ImageToTry>, name: string, manifest: string, seeded: boolean, locked: boolean): string {
  const { builds, runs } = tryCommands(images, name);
  const lock = locked ? [] : [
    `pixi lock${seeded ? `            (${manifest} is yours: add packages with pixi add)` : ''}`,
    '   Every image installs exactly what pixi.lock holds (pixi install --locked).',
  ];
  const steps = [
    lock,
    [`Build and try the images${locked ? ' (each installs exactly what pixi.lock holds)' : ''}:`, ...[...builds, ...runs].map((command) => `  ${command}`)],
    ['Commit and push to GitHub: .github/workflows/docker.yaml builds the images and publishes them to ghcr.io.'],
  ].filter((step) => step.length > 0);
  return [
    '',
    'Next steps:',
    ...steps.flatMap(([first, ...rest], i) => [`  ${i + 1}. ${first}`, ...rest.map((line) => `     ${line}`)]),
    '  Change the images in .projenrc.js, then run npx projen.',
    '',
  ].join('\n');
}
