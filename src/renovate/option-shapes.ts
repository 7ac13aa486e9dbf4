/*
 * The run-time shapes of the Renovate options: what `.projenrc.js` and other jsii languages must pass.
 */
import { RenovateConfigSpecOptions } from './options';
import { BOOLEAN, listOf, ShapeOf, STRING, struct } from '../util/shape';

/** The fields of `RenovateConfigSpecOptions`, which `RenovateConfigOptions` has too. */
const RENOVATE_FIELDS: ShapeOf<RenovateConfigSpecOptions> = {
  schedule: listOf(STRING),
  lockFileMaintenance: BOOLEAN,
  projenrcImages: listOf(STRING),
};

/** `RenovateConfigOptions`. */
export const RENOVATE_OPTIONS = struct('the options of RenovateConfigOptions', RENOVATE_FIELDS);

/** `RenovateConfigSpecOptions`. */
export const RENOVATE_SPEC_OPTIONS = struct('the options of RenovateConfigSpecOptions', RENOVATE_FIELDS);
