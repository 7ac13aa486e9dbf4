/*
 * The values a job file holds that HTCondor and Slurm read alike: an amount of memory or disk with its unit, the
 * image a job runs, and the words of its command. Each is checked once, naming the option, and kept in a shape both
 * renderers write from.
 */
import { parseImageReference } from '../docker/image-reference';
import { hasControlCharacter, invalidOption } from '../util/validate';

/** An amount of memory or disk in binary units (both schedulers read K, M, G and T as powers of 1024). */
export interface Quantity {
  /** The whole amount. */
  readonly amount: number;
  /** `K`, `M`, `G` or `T`. */
  readonly unit: string;
}

const QUANTITY = /^([1-9][0-9]{0,8})\s*([KMGT])(?:i?B)?$/i;

/** `"4GB"`, `"4 GiB"`, `"512M"`: a whole number and a unit, never a bare number (HTCondor would read KiB or MiB). */
export function parseQuantity(owner: string, option: string, value: unknown): Quantity {
  const match = typeof value === 'string' ? QUANTITY.exec(value.trim()) : null;
  if (!match) throw invalidOption(owner, option, value, 'a whole amount with its unit, such as "4GB", "512MB" or "1TB" (K, M, G, T; binary units)');
  return { amount: Number(match[1]), unit: match[2].toUpperCase() };
}

/** A count of CPUs or GPUs. */
export function requireCount(owner: string, option: string, value: unknown, minimum: number): number {
  if (!Number.isSafeInteger(value) || (value as number) < minimum || (value as number) > 4096) {
    throw invalidOption(owner, option, value, `a whole number from ${minimum} to 4096`);
  }
  return value as number;
}

/** How a job names its image: the registry's, the SIF pushed with ORAS, a SIF file, or a SIF on the OSDF. */
export enum ContainerImageKind {
  /** A registry image, `docker://`. */
  DOCKER = 'docker',
  /** A SIF pushed with ORAS, `oras://`. */
  ORAS = 'oras',
  /** A `.sif` file. */
  SIF_FILE = 'sif',
  /** A SIF on the Open Science Data Federation, `osdf://`. */
  OSDF = 'osdf',
}

/** The image a job runs, checked: `reference` is without its scheme (`ghcr.io/lab/repo@sha256:…`, `data/gpu.sif`). */
export interface ContainerImage {
  /** How it is named. */
  readonly kind: ContainerImageKind;
  /** The reference without its scheme. */
  readonly reference: string;
}

const PINNED_ALLOWED = 'a reference that names one build, so that a job never runs a stale image: a digest (…@sha256:<digest>), '
  + 'the per-commit tag the workflow pushes (…:sha-<7 hex digits>, with its suffix), or a release tag (…:1.2.0)';
/** The tags `GhcrWorkflow` pushes once per commit (`sha-abc1234`, `sha-abc1234-gpu`) or per release (`1.2.0`, `v1.2`). */
const PINNED_TAG = /(?:^|-)sha-[0-9a-f]{7,40}(?:-|$)|^v?[0-9]+\.[0-9]+(?:\.[0-9]+)?(?:-[\w.]+)?$/;
/** A SIF path or OSDF object: no characters a submit file or shell word would read. */
const SIF_PATH = /^\/?[A-Za-z0-9_.@+-]+(?:\/[A-Za-z0-9_.@+-]+)*\.sif$/;

/** Checks the image a job runs and says how it is named. */
export function parseContainerImage(owner: string, option: string, value: unknown): ContainerImage {
  if (typeof value !== 'string' || hasControlCharacter(value)) throw invalidOption(owner, option, value, `${PINNED_ALLOWED}; "oras://…", a .sif path or an "osdf:///….sif" URL`);
  if (value.startsWith('osdf://')) {
    const path = value.slice('osdf://'.length);
    if (!path.startsWith('/') || !SIF_PATH.test(path) || path.split('/').includes('..')) {
      throw invalidOption(owner, option, value, 'an OSDF URL of a SIF file, such as "osdf:///ospool/ap40/data/me/gpu-sha-abc1234.sif" (OSDF caches by name: put the commit in it)');
    }
    return { kind: ContainerImageKind.OSDF, reference: path };
  }
  if (value.endsWith('.sif') && !value.includes('://')) {
    if (!SIF_PATH.test(value) || value.split('/').includes('..')) {
      throw invalidOption(owner, option, value, 'a path of a SIF file made of letters, digits and "_ . @ + -" separated by "/", without ".." segments');
    }
    return { kind: ContainerImageKind.SIF_FILE, reference: value };
  }
  const oras = value.startsWith('oras://');
  const text = value.replace(/^(?:oras|docker):\/\//, '');
  const reference = parseImageReference(owner, option, text);
  if (reference.digest === undefined && (reference.tag === undefined || !PINNED_TAG.test(reference.tag))) {
    throw invalidOption(owner, option, value, PINNED_ALLOWED);
  }
  return { kind: oras ? ContainerImageKind.ORAS : ContainerImageKind.DOCKER, reference: text };
}

/** The words of a job's command, each literal: any character but a control character (which would end a line). */
export function requireCommand(owner: string, option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw invalidOption(owner, option, value, 'a command as a non-empty list of words, such as ["python", "train.py"]');
  value.forEach((word, i) => {
    if (typeof word !== 'string' || word === '' || hasControlCharacter(word)) {
      throw invalidOption(owner, `${option}[${i}]`, word, 'a non-empty word without newlines or other control characters');
    }
  });
  return [...value];
}

/** Job inputs and outputs: paths relative to where the job is submitted, written as they are. */
const JOB_PATH = /^[A-Za-z0-9_.@+-]+(?:\/[A-Za-z0-9_.@+-]+)*\/?$/;

/** A file or directory a job reads or writes, relative to the submit directory. */
export function requireJobPath(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || !JOB_PATH.test(value.replace(/^\.\//, '')) || value.split('/').includes('..')) {
    throw invalidOption(owner, option, value, 'a relative path made of letters, digits and "_ . @ + -" separated by "/", without ".." segments');
  }
  return value.replace(/^\.\//, '');
}
