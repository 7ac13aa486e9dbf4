import { execForm } from './dockerfile-text';
import type { ImageHealthcheck } from './options';

/** The timings of a health check: every field but its command. */
export type HealthcheckTiming = keyof Omit<ImageHealthcheck, 'command'>;

/** Docker's flag of each timing, in the order `docker build` documents them (the compiler keeps it complete). */
export const HEALTHCHECK_FLAGS: { readonly [T in HealthcheckTiming]-?: string } = {
  intervalSeconds: 'interval', timeoutSeconds: 'timeout', startPeriodSeconds: 'start-period', retries: 'retries',
};

/**
 * The `HEALTHCHECK` instruction. Docker runs the check beside the container's process, not through its
 * `ENTRYPOINT`, so an image that activates its environment in an entrypoint runs the check through it too.
 * @param entrypoint the script that activates the environment and runs its arguments; none where `ENV` activates it
 */
export function healthcheckInstruction(healthcheck: ImageHealthcheck, entrypoint: string | undefined): string {
  const flags = Object.entries(HEALTHCHECK_FLAGS).flatMap(([timing, flag]) => {
    const value = healthcheck[timing as HealthcheckTiming];
    return value === undefined ? [] : [`--${flag}=${value}${timing === 'retries' ? '' : 's'}`];
  });
  const command = entrypoint === undefined ? healthcheck.command : [entrypoint, ...healthcheck.command];
  return ['HEALTHCHECK', ...flags, 'CMD', execForm(command)].join(' ');
}
