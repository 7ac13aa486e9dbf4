/*
 * What `projen new --from projen-pixi` needs beyond the project itself: its command line checked,
 * what the repository already decided written into `.projenrc.js`, and the next steps printed.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { InitProject, javascript, Project } from 'projen';
import { NUMBER_OPTIONS, OPTION_NAMES } from './option-checks';
import { kebabCase, OptionNames } from './option-names';
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
    throw new Error(`projen new: unknown option --${bare}${suggestion ? `; did you mean --${suggestion}?` : ''} `
      + '(projen new --from projen-pixi pixi --help lists them).');
  }
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

/** The error of a failed `projen new`, in its switches, saying what it left behind in the directory. */
export function failedProjenNew(error: unknown, outdir: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  // projen new installs projen and the project type with npm before it runs the project type.
  const installed = ['node_modules/', 'package.json'].filter((path) => existsSync(join(outdir, path)));
  const leftBehind = installed.length > 0
    ? `before that, npm installed projen and projen-pixi there: ${installed.join(' and ')} (created if there was none; `
      + 'remove what you did not have, e.g. "rm -rf node_modules", if you do not try again)'
    : 'nothing is left behind';
  return new Error(`${message}\nprojen new stopped before writing any file of the project; ${leftBehind}.`);
}

/**
 * `.projenrc.js` as `projen new` writes it, with the arguments rewritten first: what the
 * repository already has (its ignore lines, its source directory) is added, and what went into a
 * manifest that is now the user's is left out, so that the next `npx projen` neither loses the one
 * nor fights `pixi add` over the other.
 */
export class BootstrapProjenrc extends javascript.Projenrc {
  private readonly rewrite: (args: Record<string, unknown>) => Record<string, unknown>;

  constructor(project: Project, rewrite: (args: Record<string, unknown>) => Record<string, unknown>) {
    super(project);
    this.rewrite = rewrite;
  }

  public projectCreation(initProject: InitProject): void {
    super.projectCreation({ ...initProject, args: this.rewrite({ ...initProject.args }) });
  }
}

/** What to do after `projen new`, printed when it is done. */
export function nextSteps(
  images: ReadonlyArray<{ dockerfile: string; environment: string }>, name: string, manifest: string, seeded: boolean,
): string {
  const builds = images.map((image) => `       docker build -f ${image.dockerfile} -t ${name}:${image.environment} .`);
  return [
    '',
    'Next steps:',
    `  1. pixi lock${seeded ? `            (${manifest} is yours: add packages with pixi add)` : ''}`,
    '     Every image installs exactly what pixi.lock holds (pixi install --locked).',
    '  2. Build and try the images:',
    ...builds,
    `       docker run --rm ${name}:${images[0]?.environment ?? 'default'}`,
    '  3. Commit and push to GitHub: .github/workflows/docker.yaml builds the images and publishes them to ghcr.io.',
    '  Change the images in .projenrc.js, then run npx projen.',
    '',
  ].join('\n');
}
