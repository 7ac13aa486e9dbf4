/*
 * Run-time checks of PixiProject's options. `.projenrc.js` (what `projen new` writes) and jsii
 * languages have no compiler to catch a misspelt key or a wrong type; `projen new` hands over
 * numbers where a string is declared (`--cuda-version 12`).
 */
import { github } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { ANY, checkShape, struct } from '../util/shape';
import { invalidOption } from '../util/validate';

type OwnOption = Exclude<keyof PixiProjectOptions, keyof github.GitHubProjectOptions>;
type Kind = 'string' | 'strings' | 'numbers' | 'boolean' | 'object';

/** PixiProject's own options; the compiler keeps this list complete. */
const OWN_OPTIONS: { readonly [K in OwnOption]-?: Kind } = {
  environments: 'strings',
  dependencies: 'strings',
  cudaVersion: 'string',
  cudaEnvironments: 'strings',
  platforms: 'strings',
  generateManifest: 'boolean',
  baseImage: 'string',
  finalImage: 'string',
  ports: 'numbers',
  user: 'string',
  command: 'strings',
  sourceDir: 'string',
  copySources: 'boolean',
  installInputs: 'strings',
  imagePlatform: 'string',
  apptainer: 'boolean',
  testWorkflow: 'boolean',
  renovate: 'boolean',
  testTasks: 'strings',
  gitignore: 'strings',
  gitattributes: 'strings',
};

/** The options PixiProject passes on to projen's GitHubProject, with their kinds; the compiler keeps this list complete. */
const INHERITED_OPTIONS: { readonly [K in keyof github.GitHubProjectOptions]-?: Kind } = {
  autoApproveOptions: 'object',
  autoMerge: 'boolean',
  autoMergeOptions: 'object',
  clobber: 'boolean',
  commitGenerated: 'boolean',
  devContainer: 'boolean',
  gitIgnoreOptions: 'object',
  gitOptions: 'object',
  github: 'boolean',
  githubOptions: 'object',
  gitpod: 'boolean',
  logging: 'object',
  name: 'string',
  outdir: 'string',
  parent: 'object',
  projectTree: 'boolean',
  projenCommand: 'string',
  projenCredentials: 'object',
  projenrcJson: 'boolean',
  projenrcJsonOptions: 'object',
  readme: 'object',
  renovatebot: 'boolean',
  renovatebotOptions: 'object',
  stale: 'boolean',
  staleOptions: 'object',
  vscode: 'boolean',
};

/** The options PixiProject declares itself, in the order of its documentation. */
export const OWN_OPTION_NAMES: readonly string[] = Object.keys(OWN_OPTIONS);

/** PixiProject's options that hold numbers, which `projen new` turns from text with parseInt (`abc` → NaN, `80x` → 80). */
export const NUMBER_OPTIONS: readonly string[] = Object.entries(OWN_OPTIONS).filter(([, kind]) => kind === 'numbers').map(([name]) => name);

/** Every option name PixiProject takes. */
export const OPTION_NAMES: readonly string[] = [...Object.keys(OWN_OPTIONS), ...Object.keys(INHERITED_OPTIONS)];

/** The key under which `projen new` hands its bootstrap arguments to the project (projen's javascript/render-options.ts, PROJEN_NEW). */
const PROJEN_NEW_KEY = '__new__';

/** The keys PixiProject takes; their types are checked below, numbers for strings accepted. */
const OPTION_KEYS = struct('the options of PixiProjectOptions', Object.fromEntries([...OPTION_NAMES, PROJEN_NEW_KEY].map((name) => [name, ANY])));

const ALLOWED: Record<Kind, string> = {
  string: 'a string',
  strings: 'a list of strings',
  numbers: 'a list of numbers',
  boolean: 'true or false',
  object: 'an object',
};

/**
 * Checks the keys and the types of PixiProject's own options; returns them with numbers that
 * stand for strings turned into strings. Throws naming the option as the user wrote it.
 */
export function checkProjectOptions(options: unknown, names: OptionNames): PixiProjectOptions {
  // The bootstrap key stays: projen reads it to write .projenrc.js.
  checkShape(names.owner, options ?? {}, OPTION_KEYS, names.of);
  const given = options as Record<string, unknown>;
  const checked: Record<string, unknown> = { ...given };
  for (const [name, kind] of Object.entries({ ...OWN_OPTIONS, ...INHERITED_OPTIONS }) as Array<[string, Kind]>) {
    const value = given[name];
    if (value === undefined) continue;
    const coerced = coerce(value, kind);
    if (coerced === undefined) {
      throw invalidOption(names.owner, names.of(name), value, ALLOWED[kind]);
    }
    checked[name] = coerced;
  }
  return checked as unknown as PixiProjectOptions;
}

/** The value as its kind, or undefined when it is not one; a finite number is accepted for a string. */
function coerce(value: unknown, kind: Kind): unknown {
  const asString = (v: unknown) => typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'string':
      return asString(value);
    case 'strings': {
      if (!Array.isArray(value)) return undefined;
      const strings = value.map(asString);
      return strings.every((s) => s !== undefined) ? strings : undefined;
    }
    case 'numbers':
      return Array.isArray(value) && value.every((v) => typeof v === 'number') ? value : undefined;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  }
}
