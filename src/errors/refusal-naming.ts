/*
 * A refusal names what the user wrote, and the construct that refuses often is not the one the user
 * built: PixiProject builds the images, ApptainerDefinition builds one from its `imageOptions`. The
 * builder enters a naming scope around the construction, and every refusal made inside takes its
 * name from the scopes when it is made: nothing catches a refusal to rename it.
 */

/** The problem of a value that contradicts another (a manifest of the user's): `allowed` then names what it contradicts. */
export const CONFLICTS = 'conflicts with';

/** The parts of a refusal that a scope may restate. */
export interface RefusalParts {
  /** The construct the user sees as refusing. */
  readonly construct: string;
  /** The option (or path inside it) as the user wrote it. */
  readonly option: string;
  /** What the option allows, in the user's terms. */
  readonly allowed: string;
  /** The option probably meant, if any. */
  readonly suggestion?: string;
  /** A last line of the message: what happened around the refusal. */
  readonly note?: string;
}

/** Restates the parts of a refusal, or returns them as they are when it does not speak for their construct. */
export type RefusalNaming = (parts: RefusalParts) => RefusalParts;

/** The scopes entered, outermost first; one list per process, whichever copy of the library enters one. */
const SCOPES: RefusalNaming[] = ((globalThis as Record<symbol, unknown>)[Symbol.for('projen-pixi.refusal-naming')] ??= []) as RefusalNaming[];

/**
 * Runs a construction in a naming scope: refusals made while it runs are named by `naming` (after any
 * scope entered inside it).
 */
export function namingRefusals<T>(naming: RefusalNaming, build: () => T): T {
  SCOPES.push(naming);
  try {
    return build();
  } finally {
    SCOPES.pop();
  }
}

/** The parts of a refusal being made now, as the scopes entered name them, innermost first. */
export function nameRefusal(parts: RefusalParts): RefusalParts {
  return SCOPES.reduceRight((named, naming) => naming(named), parts);
}

/**
 * A naming for a construct built from an option of another: `PixiDockerImage`'s `environment` becomes
 * `ApptainerDefinition`'s `imageOptions.environment`.
 */
export function asOptionOf(construct: string, option: string): RefusalNaming {
  return (parts) => ({
    ...parts,
    construct,
    option: `${option}.${parts.option}`,
    suggestion: parts.suggestion && `${option}.${parts.suggestion}`,
  });
}
