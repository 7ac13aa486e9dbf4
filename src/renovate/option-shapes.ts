/*
 * The run-time shapes of the Renovate options: what `.projenrc.js` and other jsii languages must pass.
 */
import { RenovateConfigOptions } from './options';
import { BOOLEAN, ShapeOf, STRINGS, struct } from '../util/shape';

/** The fields of `RenovateConfigOptions`. */
const RENOVATE_FIELDS: ShapeOf<RenovateConfigOptions> = {
  schedule: STRINGS,
  lockFileMaintenance: BOOLEAN,
  projenrcImages: STRINGS,
};

/** `RenovateConfigOptions`, of `RenovateConfig` and `RenovateConfigSpec` alike. */
export const RENOVATE_OPTIONS = struct('the options of RenovateConfigOptions', RENOVATE_FIELDS);
