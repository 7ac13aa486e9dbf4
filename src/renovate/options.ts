/** Options of a {@link RenovateConfigSpec}. */
export interface RenovateConfigOptions {
  /**
   * When Renovate may open pull requests, in Renovate's schedule syntax; the lock-file refresh follows it too.
   * @default ["before 6am on monday"]
   */
  readonly schedule?: string[];

  /**
   * Refresh `pixi.lock` on the schedule (Renovate's `lockFileMaintenance`, which runs `pixi lock`), so the
   * images pick up fixed builds of the same versions.
   * @default true
   */
  readonly lockFileMaintenance?: boolean;

  /**
   * Names of images (without tag or digest, e.g. `ghcr.io/prefix-dev/pixi`) that `.projenrc` holds as string
   * literals in `baseImage` or `finalImage`. Renovate updates them there and in the generated files in one pull
   * request, so the next synthesis writes what Renovate wrote. {@link RenovateConfig} adds those it finds in
   * `.projenrc` itself; name here those of a `.projenrc` written after synthesis (as `projen new` does).
   * @default - none ({@link RenovateConfig}: those in `.projenrc`)
   */
  readonly projenrcImages?: string[];
}
