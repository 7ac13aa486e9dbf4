/**
 * A name that an environment variable can have everywhere the library writes one: pixi's
 * `[activation.env]`, a Dockerfile `ENV`, a shell `export`, an Apptainer `%environment`.
 */
export const ENV_VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What ENV_VARIABLE_NAME allows, for error messages. */
export const ENV_VARIABLE_NAME_ALLOWED = 'an environment variable name (^[A-Za-z_][A-Za-z0-9_]*$)';
