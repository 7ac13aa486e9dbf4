/*
 * BuildKit secrets of the install and the build commands: mounted for one RUN (never in a layer), and exported under
 * their own names, so that pixi and the commands find them as they find any credential in the environment.
 */

/** Where BuildKit (and buildah) mount a secret by default. */
const SECRETS_DIR = '/run/secrets';

/** The RUN flags that mount the secrets. */
export function secretMounts(ids: readonly string[]): string[] {
  return ids.map((id) => `--mount=type=secret,id=${id}`);
}

/**
 * Shell (POSIX) that exports each secret given to the build: its contents, or for an id ending in `_FILE` its path
 * (the convention of `*_FILE` variables, e.g. pixi's `RATTLER_AUTH_FILE`). A secret not given stays unset.
 */
export function secretExports(ids: readonly string[]): string[] {
  return ids.map((id) => {
    const file = `${SECRETS_DIR}/${id}`;
    return id.endsWith('_FILE')
      ? `if [ -f ${file} ]; then export ${id}=${file}; fi`
      : `if [ -f ${file} ]; then ${id}=$(cat ${file}); export ${id}; fi`;
  });
}
