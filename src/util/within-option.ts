import { PixiValidationError } from '../errors/pixi-validation-error';

/**
 * Runs a construction on behalf of an option of another construct, so that a refusal names what the
 * user wrote: `PixiDockerImageSpec`'s `environment` becomes `ApptainerDefinition`'s `imageOptions.environment`.
 */
export function withinOption<T>(construct: string, option: string, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof PixiValidationError) {
      throw new PixiValidationError(construct, `${option}.${error.option}`, error.value, error.allowed, error.problem,
        error.suggestion && `${option}.${error.suggestion}`);
    }
    throw error;
  }
}
