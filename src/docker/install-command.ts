import type { PixiDockerImageSpec } from './pixi-docker-image-spec';

/**
 * `pixi install` of the image's environment, shared by every recipe: `--platform` names the chosen
 * platform when the environment has several linux-64 ones, since pixi would otherwise install the
 * first one the builder satisfies (`Environment::named_or_best_declared_platform`,
 * `crates/pixi_core/src/workspace/environment.rs`). The shell hook then activates the platform
 * last installed (`installed_or_best_declared_platform`), so it needs no flag.
 */
export function installCommand(spec: PixiDockerImageSpec): string {
  const platform = spec.namesPlatform ? ` --platform ${spec.platform}` : '';
  return `pixi install --locked ${environmentArgument(spec.environment)}${platform}`;
}

/**
 * `--environment <name>`, or `--environment=<name>` for a name that starts with `-` (pixi allows
 * `-dev`): pixi's argument parser would read a separate `-dev` as an option of its own.
 */
export function environmentArgument(environment: string): string {
  return environment.startsWith('-') ? `--environment=${environment}` : `--environment ${environment}`;
}
