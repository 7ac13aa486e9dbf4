/*
 * What `projen new --from projen-pixi` needs beyond the project itself: its command line checked,
 * what the repository already decided written into `.projenrc.js`, and the next steps printed.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { InitProject, javascript, Project } from 'projen';
import { OPTION_NAMES, OWN_OPTION_NAMES } from './option-checks';
import { kebabCase } from './option-names';
import { switchLines } from './switches';
import { isUserError, userError } from '../errors/brief-report';
import { closestName } from '../util/suggest';

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
    throw userError(new Error([
      `projen new: unknown option --${bare}${suggestion ? `; did you mean --${suggestion}?` : '.'}`,
      'The switches of pixi, besides projen\'s own (--name, --outdir, --no-git, --no-synth, --no-comments, ...):',
      ...switchLines(OWN_OPTION_NAMES),
    ].join('\n')));
  }
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
  const failed = new Error(`${message}\nprojen new stopped before writing any file of the project; ${leftBehind}.`);
  // A refusal stays one for the report (its message is all the user needs); a bug keeps its stack.
  return isUserError(error) ? userError(failed) : failed;
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
