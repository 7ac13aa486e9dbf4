/*
 * How a refusal reaches a user of `npx projen` or `projen new`: node's own report of an uncaught
 * error puts the message on line 5, between the thrown source line and ~20 lines of stack and
 * fields. A refusal is the user's to fix, not a bug, so its message alone is printed instead.
 */
import { inspect } from 'util';
import { PixiErrors } from './pixi-validation-error';

/** The environment variable that brings back the stack and the error's fields. */
export const DEBUG_VARIABLE = 'PROJEN_PIXI_DEBUG';

/** One listener per process, whichever copy of the library (bundle, compiled modules) installs it. */
const INSTALLED = Symbol.for('projen-pixi.brief-report');

/** Whether the error is a refusal: a `PixiValidationError` of any copy of the library. */
export function isUserError(error: unknown): error is Error {
  return error instanceof Error && PixiErrors.isValidationError(error);
}

/** Whether the user asked for the stack (`PROJEN_PIXI_DEBUG=1`). */
function debugging(): boolean {
  const value = process.env[DEBUG_VARIABLE];
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Makes a refusal show as its message alone, unless `PROJEN_PIXI_DEBUG` is set: `projen new` hands
 * what the project type throws to yargs, which prints it with `console.error` (util.inspect: the
 * stack, after the source line that node's vm prepends to it), or prints its stack.
 * @returns the error
 */
export function shownBriefly<T extends Error>(error: T): T {
  if (!isUserError(error) || debugging()) return error;
  const message = error.message;
  Object.defineProperty(error, 'stack', { get: () => message, set: () => undefined, configurable: true, enumerable: false });
  Object.defineProperty(error, inspect.custom, { value: () => message, configurable: true, enumerable: false });
  return error;
}

/**
 * Installs, once per process, a report of uncaught refusals: their message alone on stderr and exit
 * code 1, or node's full report when `PROJEN_PIXI_DEBUG` is set. Other errors keep node's report.
 * Not in jest's own process, which reports its tests' errors itself (the processes its tests start
 * inherit JEST_WORKER_ID, but run another program).
 */
export function reportUserErrorsBriefly(): void {
  const registry = process as unknown as Record<symbol, boolean>;
  const inJest = process.env.JEST_WORKER_ID !== undefined && /[\\/]jest/.test(process.argv[1] ?? '');
  if (registry[INSTALLED] || inJest) return;
  registry[INSTALLED] = true;
  process.on('uncaughtException', (error) => {
    // Another listener of the program decides about errors that are not ours.
    if (!isUserError(error) && process.listenerCount('uncaughtException') > 1) return;
    const text = isUserError(error) && !debugging() ? error.message : inspect(error);
    process.stderr.write(`${text}\n`);
    process.exit(1);
  });
}
