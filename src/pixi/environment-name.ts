/** pixi's environment names (`EnvironmentName` of crates/pixi_manifest): lowercase letters, digits and `-`. */
export const ENVIRONMENT_NAME = /^[a-z\d-]+$/;
/** What an environment name may be, for error messages. */
export const ENVIRONMENT_NAME_ALLOWED = 'a pixi environment name: lowercase letters, digits and "-" (^[a-z\\d-]+$)';
