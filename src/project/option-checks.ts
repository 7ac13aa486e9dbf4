/*
 * Run-time checks of PixiProject's options, with the shapes every construct uses. `.projenrc.js`
 * (what `projen new` writes) and jsii languages have no compiler to catch a misspelt key or a wrong
 * type; `projen new` hands over numbers where a string is declared (`--cuda-version 12`).
 */
import { github } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { IMAGE_CONTENT_FIELDS } from '../docker/option-shapes';
import { PixiImageContentOptions } from '../docker/options';
import { WORKFLOW_OPTIONS } from '../github/option-shapes';
import { ANY, BOOLEAN, checkShape, INTEGERS, OBJECT, Shape, ShapeOf, STRING, STRINGS, struct } from '../util/shape';

/** The options PixiProject declares itself, besides those of its images. */
type ProjectOnly = Omit<PixiProjectOptions, keyof github.GitHubProjectOptions | keyof PixiImageContentOptions>;

/** PixiProject's own options; the compiler keeps this list complete. */
const PROJECT_FIELDS: ShapeOf<ProjectOnly> = {
  environments: STRINGS,
  dependencies: STRINGS,
  cudaVersion: STRING,
  cudaEnvironments: STRINGS,
  platforms: STRINGS,
  generateManifest: BOOLEAN,
  imagePlatform: STRING,
  apptainer: BOOLEAN,
  htcondor: BOOLEAN,
  slurm: BOOLEAN,
  jobImage: STRING,
  testWorkflow: BOOLEAN,
  renovate: BOOLEAN,
  testTasks: STRINGS,
  gitignore: STRINGS,
  gitattributes: STRINGS,
  dockerWorkflow: WORKFLOW_OPTIONS,
};

/** The options PixiProject passes on to projen's GitHubProject; projen checks them further. The compiler keeps this list complete. */
const INHERITED_FIELDS: ShapeOf<github.GitHubProjectOptions> = {
  autoApproveOptions: OBJECT,
  autoMerge: BOOLEAN,
  autoMergeOptions: OBJECT,
  clobber: BOOLEAN,
  commitGenerated: BOOLEAN,
  devContainer: BOOLEAN,
  gitIgnoreOptions: OBJECT,
  gitOptions: OBJECT,
  github: BOOLEAN,
  githubOptions: OBJECT,
  gitpod: BOOLEAN,
  logging: OBJECT,
  name: STRING,
  outdir: STRING,
  parent: OBJECT,
  projectTree: BOOLEAN,
  projenCommand: STRING,
  projenCredentials: OBJECT,
  projenrcJson: BOOLEAN,
  projenrcJsonOptions: OBJECT,
  readme: OBJECT,
  renovatebot: BOOLEAN,
  renovatebotOptions: OBJECT,
  stale: BOOLEAN,
  staleOptions: OBJECT,
  vscode: BOOLEAN,
};

/** The options of PixiProject itself and of its images: its `projen new` switches, in the order of their documentation. */
const OWN_FIELDS: ShapeOf<Omit<PixiProjectOptions, keyof github.GitHubProjectOptions>> = { ...PROJECT_FIELDS, ...IMAGE_CONTENT_FIELDS };

/** The options PixiProject declares itself or takes for its images, in the order of their documentation. */
export const OWN_OPTION_NAMES: readonly string[] = Object.keys(OWN_FIELDS);

/** PixiProject's options that hold numbers, which `projen new` turns from text with parseInt (`abc` → NaN, `80x` → 80). */
export const NUMBER_OPTIONS: readonly string[] = Object.entries(OWN_FIELDS).filter(([, shape]) => shape === INTEGERS).map(([name]) => name);

/** Every option name PixiProject takes. */
export const OPTION_NAMES: readonly string[] = [...OWN_OPTION_NAMES, ...Object.keys(INHERITED_FIELDS)];

/** The key under which `projen new` hands its bootstrap arguments to the project (projen's javascript/render-options.ts, PROJEN_NEW). */
const PROJEN_NEW_KEY = '__new__';

const FIELDS: Record<string, Shape> = { ...OWN_FIELDS, ...INHERITED_FIELDS };

/** PixiProjectOptions; the bootstrap key stays: projen reads it to write `.projenrc.js`. */
const PROJECT_OPTIONS = struct('the options of PixiProjectOptions', { ...FIELDS, [PROJEN_NEW_KEY]: ANY });

/**
 * Checks the keys and the types of PixiProject's options, its images' among them; returns them
 * with numbers that stand for strings turned into strings. Throws naming the option as the user wrote it.
 */
export function checkProjectOptions(options: unknown, names: OptionNames): PixiProjectOptions {
  const checked = textForNumbers(options ?? {});
  checkShape(names.owner, checked, PROJECT_OPTIONS, names.of);
  return checked as PixiProjectOptions;
}

/** The options with a finite number given for a string (or for an entry of a list of strings) as that string. */
function textForNumbers(options: unknown): unknown {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return options;
  const asString = (v: unknown) => typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  return Object.fromEntries(Object.entries(options).map(([name, value]) => {
    const shape = Object.prototype.hasOwnProperty.call(FIELDS, name) ? FIELDS[name] : undefined;
    if (shape === STRING) return [name, asString(value)];
    if (shape === STRINGS && Array.isArray(value)) return [name, value.map(asString)];
    return [name, value];
  }));
}
