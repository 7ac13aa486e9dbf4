import { PixiRefusal } from './pixi-refusal';

/** How many recent refusals are kept to be found by message: a caller asks about the one it just caught. */
const KEPT = 256;

/**
 * The refusals made in this process, newest last, keyed by message. The kernel of jsii runs this library in
 * one node process for the whole program of another language, so the refusal that language caught is here.
 * Shared by every copy of the package, as `Symbol.for` keys are.
 */
const RECORDED: Map<string, PixiRefusal> = ((globalThis as Record<symbol, unknown>)[Symbol.for('projen-pixi.refusals')] ??= new Map()) as Map<string, PixiRefusal>;

/** Keeps a refusal to be found by its message. */
export function recordRefusal(message: string, refusal: PixiRefusal): void {
  RECORDED.delete(message);
  RECORDED.set(message, refusal);
  if (RECORDED.size > KEPT) RECORDED.delete(RECORDED.keys().next().value!);
}

/** The refusal of this process that has this message, if any. */
export function recordedRefusal(message: string): PixiRefusal | undefined {
  return RECORDED.get(message);
}
