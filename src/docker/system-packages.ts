/*
 * System packages of the final image, from its own package manager: apt, on the Debian and Ubuntu images pixi's
 * images and most final images are. One command for the Dockerfile and the Apptainer definition.
 */
import { ImageReference } from './image-reference';
import { FinalImageKind } from './recipe';
import { invalidOption } from '../util/validate';

const OWNER = 'PixiDockerImage';
/** A Debian package name (Debian Policy 5.6.1: lower case, digits, `+ - .`, two characters at least), maybe `=version`. */
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+(=[0-9][A-Za-z0-9.+~:-]*)?$/;
const PACKAGE_ALLOWED = 'a Debian package name (lower-case letters, digits and "+ - .", e.g. "libgl1"), optionally pinned as "name=version"';
/** Final images whose package manager is not apt, by a word of their name. */
const NOT_APT = /(^|[/_.:-])(alpine|busybox|ubi\d*|ubi-minimal|fedora|centos|rockylinux|almalinux|amazonlinux|opensuse|archlinux|wolfi|chainguard)([/_.:-]|$)/;

/** The conda-forge way, for an image without apt. */
const CONDA_WAY = 'add them to the workspace as conda-forge packages instead (pixi add curl), which the environment holds';

/**
 * Checks `systemPackages` against the final image: apt package names, each once, for a final image that has apt.
 * @returns the packages, in the order given
 */
export function validateSystemPackages(packages: readonly unknown[], final: ImageReference, kind: FinalImageKind, finalImage: string): string[] {
  if (packages.length === 0) return [];
  if (kind === FinalImageKind.DISTROLESS) {
    throw invalidOption(OWNER, 'systemPackages', packages, `none with a DISTROLESS final image, which has no package manager: ${CONDA_WAY}`);
  }
  if (NOT_APT.test(`${final.name}:${final.tag ?? ''}`)) {
    throw invalidOption(OWNER, 'systemPackages', packages,
      `apt packages of a Debian or Ubuntu final image; ${finalImage} has another package manager: ${CONDA_WAY}, or use a Debian or Ubuntu final image`);
  }
  const seen = new Set<string>();
  return packages.map((name, i) => {
    if (typeof name !== 'string' || !PACKAGE.test(name)) throw invalidOption(OWNER, `systemPackages[${i}]`, name, PACKAGE_ALLOWED);
    const bare = name.split('=')[0];
    if (seen.has(bare)) throw invalidOption(OWNER, `systemPackages[${i}]`, name, 'each package once');
    seen.add(bare);
    return name;
  });
}

/**
 * The shell command that installs them: the index fetched and removed in the same step (no stale lists in a layer),
 * no recommended packages, no prompt (`-y`, and `DEBIAN_FRONTEND` for packages that ask, such as tzdata).
 * @returns one command per line, to be joined with ` && \` (Dockerfile) or run in turn (`%post`)
 */
export function aptInstallLines(packages: readonly string[]): string[] {
  return [
    'apt-get update',
    `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`,
    'rm -rf /var/lib/apt/lists/*',
  ];
}

/** What the build stage needs to fetch git dependencies: git, and the certificates an https remote needs. */
const GIT_PACKAGES = ['git', 'ca-certificates'];

/**
 * The apt packages the build stage installs before `pixi install`: git when the environment has git dependencies,
 * which pixi fetches with the git program its images lack; none otherwise. Refused where they cannot be installed.
 * @param gitDependencies where the manifest declares them, for the message
 */
export function buildStagePackages(gitDependencies: readonly string[], base: ImageReference, baseImage: string, tutorial: boolean): string[] {
  if (gitDependencies.length === 0) return [];
  const what = `the environment has git dependencies (${gitDependencies.join(', ')}), which pixi fetches with the git program (crates/pixi_git/src/git.rs), and pixi's images have no git`;
  if (tutorial) {
    throw invalidOption(OWNER, 'recipe', 'TUTORIAL', `DockerRecipe.OPTIMIZED, which installs git in the build stage: ${what}`);
  }
  if (NOT_APT.test(`${base.name}:${base.tag ?? ''}`)) {
    throw invalidOption(OWNER, 'baseImage', baseImage, `a Debian or Ubuntu base image, whose apt installs git (pixi's own images are): ${what}`);
  }
  return [...GIT_PACKAGES];
}
