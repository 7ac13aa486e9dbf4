import { resolveJob, ResolvedJob } from './job-of-image';
import { parseQuantity, Quantity, requireCount, requireJobPath } from './job-values';
import { HTCONDOR_JOB_SPEC_OPTIONS } from './option-shapes';
import { HtcondorJobSpecOptions, HtcondorQueue } from './options';
import { renderSubmitFile } from './render-submit';
import type { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { RenderOptions } from '../util/render-options';
import { checkShape, headerCommentOf } from '../util/shape';
import { hasControlCharacter, invalidOption } from '../util/validate';

const OWNER = 'HtcondorJob';

/** The queue, resolved: a count, and the items each job gets as its last argument. */
export interface ResolvedQueue {
  /** Jobs per item. */
  readonly count: number;
  /** The file of items. */
  readonly fromFile?: string;
  /** The glob of items. */
  readonly matching?: string;
}

/** A site attribute as written: `+name = value`. */
export interface SiteAttribute {
  /** The attribute's name, without `+`. */
  readonly name: string;
  /** A ClassAd literal: `true`, a number, or a quoted string. */
  readonly value: string;
}

/**
 * An HTCondor submit description file for one image, resolved: every option checked once, naming it, and every
 * default taken from the image (its environment's CUDA, its entrypoint, its command).
 */
export class HtcondorJobSpec {
  /** What the job takes from the image, and its common options. */
  public readonly job: ResolvedJob;
  /** Scratch disk. */
  public readonly disk: Quantity;
  /** The lowest GPU compute capability, as written. */
  public readonly gpuMinimumCapability?: string;
  /** The least GPU memory. */
  public readonly gpuMinimumMemory?: Quantity;
  /** The CUDA runtime every GPU's driver must support: the environment's `system-requirements.cuda`. */
  public readonly gpuMinimumRuntime?: string;
  /** Sent to the job. */
  public readonly inputFiles: string[];
  /** Sent back. */
  public readonly outputFiles: string[];
  /** How many jobs. */
  public readonly queue: ResolvedQueue;
  /** The user's machine constraint, as written. */
  public readonly requirements?: string;
  /** The pool's attributes. */
  public readonly siteAttributes: SiteAttribute[];

  /**
   * @param image the image the job runs
   * @param options the job's options; invalid values throw here
   */
  public constructor(image: PixiDockerImageSpec, options: HtcondorJobSpecOptions) {
    checkShape(OWNER, options, HTCONDOR_JOB_SPEC_OPTIONS);
    this.job = resolveJob(OWNER, image, options, (environment) => `htcondor.${environment}.sub`);
    this.disk = parseQuantity(OWNER, 'disk', options.disk ?? '10GB');
    const gpus = this.job.gpus > 0;
    if (options.gpuMinimumCapability !== undefined && !/^[0-9]{1,2}(\.[0-9]{1,2})?$/.test(String(options.gpuMinimumCapability))) {
      throw invalidOption(OWNER, 'gpuMinimumCapability', options.gpuMinimumCapability, 'a compute capability such as "8.0"');
    }
    for (const option of ['gpuMinimumCapability', 'gpuMinimumMemory'] as const) {
      if (options[option] !== undefined && !gpus) throw invalidOption(OWNER, option, options[option], 'nothing without GPUs (HTCondor ignores it): set "gpus"');
    }
    this.gpuMinimumCapability = options.gpuMinimumCapability;
    this.gpuMinimumMemory = options.gpuMinimumMemory === undefined ? undefined : parseQuantity(OWNER, 'gpuMinimumMemory', options.gpuMinimumMemory);
    this.gpuMinimumRuntime = gpus && this.job.cudaVersion !== undefined ? runtimeOf(this.job.cudaVersion) : undefined;
    this.inputFiles = pathList('inputFiles', options.inputFiles);
    this.outputFiles = pathList('outputFiles', options.outputFiles);
    this.queue = resolveQueue(options.queue);
    this.requirements = options.requirements === undefined ? undefined : checkRequirements(options.requirements);
    this.siteAttributes = siteAttributes(options.siteAttributes);
  }

  /** The submit file's path, relative to the project. */
  public get file(): string {
    return this.job.file;
  }

  /**
   * Renders the submit description file.
   * @param options where to put a header comment
   */
  public render(options: RenderOptions = {}): string {
    return renderSubmitFile(this, headerCommentOf(OWNER, options));
  }
}

/** HTCondor compares `<major>.<minor>` with each GPU's MaxSupportedVersion; pixi's `cuda = "12"` means 12.0. */
function runtimeOf(cuda: string): string {
  const [major, minor = '0'] = cuda.split('.');
  return `${major}.${minor}`;
}

function pathList(option: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidOption(OWNER, option, value, 'a list of relative paths');
  return value.map((path, i) => requireJobPath(OWNER, `${option}[${i}]`, path));
}

/** A glob as `queue … matching` reads it: no spaces or commas (they separate globs), no `$`. */
const GLOB = /^[A-Za-z0-9_.@+*?[\]-]+(?:\/[A-Za-z0-9_.@+*?[\]-]+)*$/;

function resolveQueue(queue: HtcondorQueue | undefined): ResolvedQueue {
  const count = requireCount(OWNER, 'queue.count', queue?.count ?? 1, 1);
  if (queue?.fromFile !== undefined && queue.matching !== undefined) {
    throw invalidOption(OWNER, 'queue.matching', queue.matching, 'nothing when "queue.fromFile" is given: the items come from one place');
  }
  // A name ending in "|" would be run as a script by condor_submit: requireJobPath refuses it.
  const fromFile = queue?.fromFile === undefined ? undefined : requireJobPath(OWNER, 'queue.fromFile', queue.fromFile);
  if (queue?.matching !== undefined && (typeof queue.matching !== 'string' || !GLOB.test(queue.matching) || queue.matching.split('/').includes('..'))) {
    throw invalidOption(OWNER, 'queue.matching', queue.matching, 'a relative file glob such as "data/*.csv", without spaces, commas or ".."');
  }
  return { count, fromFile, matching: queue?.matching };
}

/**
 * A ClassAd expression on one line, with its parentheses and string quotes balanced, and no `$` (a submit file
 * would expand it as a macro): what cannot end the expression early or add a command.
 */
function checkRequirements(expression: unknown): string {
  const allowed = 'a ClassAd expression on one line, without "$", with balanced parentheses and quotes, such as "(OpSysMajorVer == 9)"';
  if (typeof expression !== 'string' || expression.trim() === '' || hasControlCharacter(expression) || expression.includes('$')) {
    throw invalidOption(OWNER, 'requirements', expression, allowed);
  }
  let depth = 0;
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '(') {
      depth++;
    } else if (c === ')' && --depth < 0) {
      break;
    }
  }
  if (depth !== 0 || inString) throw invalidOption(OWNER, 'requirements', expression, allowed);
  return expression.trim();
}

const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const BARE_LITERAL = /^(?:true|false|-?[0-9]+(?:\.[0-9]+)?)$/i;

function siteAttributes(attributes: unknown): SiteAttribute[] {
  if (attributes === undefined) return [];
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw invalidOption(OWNER, 'siteAttributes', attributes, 'a map of attribute names to values, such as { WantGPULab: "true" }');
  }
  const seen = new Set<string>();
  return Object.entries(attributes).map(([name, value]) => {
    if (!ATTRIBUTE_NAME.test(name) || seen.has(name.toLowerCase())) {
      throw invalidOption(OWNER, `siteAttributes.${name}`, name, 'an attribute name (letters, digits, "_"; not starting with a digit), once whatever its case');
    }
    seen.add(name.toLowerCase());
    if (typeof value !== 'string' || hasControlCharacter(value)) {
      throw invalidOption(OWNER, `siteAttributes.${name}`, value, 'a string without newlines or other control characters');
    }
    return { name, value: BARE_LITERAL.test(value) ? value : `"${value.replace(/[\\"]/g, '\\$&')}"` };
  });
}
