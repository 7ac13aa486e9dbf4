import { PixiValidationError } from '../../src';

/** The PixiValidationError that making something throws; fails the test when it throws nothing or anything else. */
export function refusal(make: () => unknown): PixiValidationError {
  try {
    make();
  } catch (error) {
    if (error instanceof PixiValidationError) return error;
    throw error;
  }
  throw new Error('expected a PixiValidationError');
}
