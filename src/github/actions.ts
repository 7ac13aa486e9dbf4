/**
 * The actions the workflows use, pinned by full commit SHA (the only immutable reference GitHub
 * offers) at their current majors. The version goes into a `# vX.Y.Z` comment (`# vX` where only
 * the major tag is confirmed) next to `uses:`, where Dependabot and Renovate update both together.
 */
export interface PinnedAction {
  readonly name: string;
  readonly sha: string;
  readonly version: string;
}

function pin(name: string, sha: string, version: string): PinnedAction {
  return { name, sha, version };
}

export const ACTIONS = {
  checkout: pin('actions/checkout', '3d3c42e5aac5ba805825da76410c181273ba90b1', 'v7.0.1'),
  metadata: pin('docker/metadata-action', 'dc802804100637a589fabce1cb79ff13a1411302', 'v6.2.0'),
  buildPush: pin('docker/build-push-action', '53b7df96c91f9c12dcc8a07bcb9ccacbed38856a', 'v7.3.0'),
  login: pin('docker/login-action', '4907a6ddec9925e35a0a9e82d7399ccc52663121', 'v4.1.0'),
  setupBuildx: pin('docker/setup-buildx-action', '37fe631027851001ddb9b187196cc803df7f5f0e', 'v4.3.0'),
  setupQemu: pin('docker/setup-qemu-action', '96fe6ef7f33517b61c61be40b68a1882f3264fb8', 'v4.2.0'),
  attest: pin('actions/attest', '1e69f48acb82d1966a394da916b4c1698aa569d6', 'v4.2.2'),
  uploadArtifact: pin('actions/upload-artifact', 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', 'v7.0.0'),
  downloadArtifact: pin('actions/download-artifact', '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', 'v8.0.1'),
  // The commit the maintainer links for the v2 tag (eWaterCycle/setup-apptainer#71, 2026-02);
  // no exact vX.Y.Z tag could be confirmed for it, so the comment names the major.
  setupApptainer: pin('eWaterCycle/setup-apptainer', '3f706d898c9db585b1d741b4692e66755f3a1b40', 'v2'),
  // The commit of the tag v0.9.6 in prefix-dev/setup-pixi (checked in a clone of the repository).
  setupPixi: pin('prefix-dev/setup-pixi', '5185adfbffb4bd703da3010310260805d89ebb11', 'v0.9.6'),
};

/**
 * The Apptainer release the workflow installs (the action downloads its amd64 `.deb` from
 * apptainer/apptainer's GitHub releases), fixed so a rebuild uses the same builder.
 */
export const APPTAINER_VERSION = '1.4.5';

/** `owner/repo@sha`. */
export function pinnedRef(action: PinnedAction): string {
  return `${action.name}@${action.sha}`;
}

/** The `uses:` value of each pin, mapped to its version, for the `# vX.Y.Z` comments. */
export const PIN_VERSIONS: ReadonlyMap<string, string> = new Map(Object.values(ACTIONS).map((a) => [pinnedRef(a), a.version]));

/**
 * Adds `# vX.Y.Z` after each `uses:` line that references a known pin. Works on the rendered
 * YAML text, because YAML data (what projen's workflow holds) cannot carry comments.
 */
export function commentPinnedActions(yamlText: string): string {
  return yamlText.replace(/^(\s*(?:-\s+)?uses:\s+)(\S+)\s*$/gm, (line, prefix: string, ref: string) => {
    const version = PIN_VERSIONS.get(ref);
    return version ? `${prefix}${ref} # ${version}` : line;
  });
}
