import { RENOVATE_OPTIONS } from './option-shapes';
import { RenovateConfigOptions } from './options';
import { isImageName, PROJENRC_FILES, PROJENRC_IMAGE_MATCH_STRINGS } from './projenrc-images';
import { RenderOptions } from '../util/render-options';
import { headerCommentOf, checkShape } from '../util/shape';
import { hasControlCharacter, invalidOption, requireRelativePath } from '../util/validate';

const OWNER = 'RenovateConfig';
/** Where Renovate reads the configuration, relative to the repository root. */
export const RENOVATE_CONFIG_FILE = 'renovate.json5';
const DEFAULT_SCHEDULE = ['before 6am on monday'];
/** Every update type but the lock-file refresh, which changes only the lock beside a generated manifest. */
const UPDATES_OF_VERSIONS = ['major', 'minor', 'patch', 'pin', 'pinDigest', 'digest', 'rollback', 'bump', 'replacement'];

/**
 * The Renovate configuration of a repository that ships pixi images, free of projen: `pixi.lock`
 * refreshed on a schedule, pixi's dependencies in one pull request, base images pinned by digest and updated
 * where projen reads them (`.projenrc`) together with the Dockerfiles written from them, actions in your own
 * workflows pinned by digest, and no pull request against a file projen writes, which the next synthesis would undo.
 */
export class RenovateConfigSpec {
  /** When Renovate may open pull requests. */
  public readonly schedule: string[];
  /** Whether `pixi.lock` is refreshed on the schedule. */
  public readonly lockFileMaintenance: boolean;
  /** The files projen writes, which Renovate leaves alone. */
  public readonly generatedFiles: string[];
  /** The images Renovate updates in `.projenrc` and the generated files together. */
  public readonly projenrcImages: string[];

  /**
   * @param options schedule, lock-file refresh and the images of `.projenrc`; invalid values throw here
   * @param generatedFiles the files projen writes, relative to the repository root: Renovate proposes no
   * change to them (projen would undo it at the next synthesis), except a refresh of the lock file beside
   * them and the images in `projenrcImages`
   */
  public constructor(options: RenovateConfigOptions = {}, generatedFiles: string[] = []) {
    checkShape(OWNER, options, RENOVATE_OPTIONS);
    this.schedule = checkSchedule(options.schedule ?? DEFAULT_SCHEDULE);
    this.lockFileMaintenance = options.lockFileMaintenance ?? true;
    if (!Array.isArray(generatedFiles)) throw invalidOption(OWNER, 'generatedFiles', generatedFiles, 'a list of paths');
    this.generatedFiles = [...new Set(generatedFiles.map((file, i) => requireRelativePath(OWNER, `generatedFiles[${i}]`, file)))];
    this.projenrcImages = [...new Set((options.projenrcImages ?? []).map((image, i) => {
      if (!isImageName(image)) throw invalidOption(OWNER, `projenrcImages[${i}]`, image, 'an image name without tag or digest, e.g. "ghcr.io/prefix-dev/pixi"');
      return image;
    }))];
  }

  /** The configuration as data, keys spelled as in the file. */
  public toConfig(): any {
    return {
      $schema: 'https://docs.renovatebot.com/renovate-schema.json',
      extends: ['config:recommended', 'docker:pinDigests', 'helpers:pinGitHubActionDigestsToSemver'],
      schedule: this.schedule,
      lockFileMaintenance: { enabled: this.lockFileMaintenance, schedule: this.schedule },
      customManagers: [{
        customType: 'regex',
        description: 'Images in .projenrc, from which projen writes the Dockerfiles',
        managerFilePatterns: PROJENRC_FILES.map((file) => `/(^|/)${file.replace(/\./g, '\\.')}$/`),
        matchStringsStrategy: 'recursive',
        matchStrings: PROJENRC_IMAGE_MATCH_STRINGS,
        datasourceTemplate: 'docker',
        autoReplaceStringTemplate: '{{depName}}{{#if newValue}}:{{newValue}}{{/if}}{{#if newDigest}}@{{newDigest}}{{/if}}',
      }],
      packageRules: [
        { description: 'pixi dependencies in one pull request', matchManagers: ['pixi'], groupName: 'pixi dependencies' },
        {
          description: 'An image changes in .projenrc and in the Dockerfiles written from it in one pull request',
          matchDatasources: ['docker'],
          groupName: 'container images',
        },
        ...this.generatedFilesRules(),
        {
          description: 'projen-pixi brings new action pins and default images to the files projen writes',
          matchPackageNames: ['projen', 'projen-pixi'],
          groupName: 'projen',
          prBodyNotes: ['Run `npx projen` on this branch and commit what it changes: the generated files follow the new versions.'],
        },
      ],
    };
  }

  /**
   * Renders `renovate.json5`: JSON with a header comment.
   * @param options where to put a header comment
   */
  public renderJson5(options: RenderOptions = {}): string {
    const header = headerCommentOf(OWNER, options);
    return `${header ? `// ${header}\n` : ''}${JSON.stringify(this.toConfig(), undefined, 2)}\n`;
  }

  private generatedFilesRules(): object[] {
    if (this.generatedFiles.length === 0) return [];
    const rules: object[] = [{
      description: 'projen writes these files and would undo a change to them: update their sources instead',
      matchFileNames: this.generatedFiles,
      matchUpdateTypes: UPDATES_OF_VERSIONS,
      enabled: false,
    }];
    if (this.projenrcImages.length > 0) {
      rules.push({
        description: 'Images that .projenrc holds: updated there too, in the same pull request',
        matchFileNames: this.generatedFiles,
        matchDatasources: ['docker'],
        matchDepNames: this.projenrcImages,
        enabled: true,
      });
    }
    return rules;
  }
}

function checkSchedule(schedule: string[]): string[] {
  if (schedule.length === 0) throw invalidOption(OWNER, 'schedule', schedule, 'at least one Renovate schedule, e.g. "before 6am on monday"');
  schedule.forEach((entry, i) => {
    if (entry.trim() === '' || hasControlCharacter(entry)) {
      throw invalidOption(OWNER, `schedule[${i}]`, entry, 'a Renovate schedule on one line, e.g. "before 6am on monday" or "* 0-5 * * 1"');
    }
  });
  return [...schedule];
}
