import { readFileSync } from 'fs';
import { join, relative, sep } from 'path';
import { Component, FileBase, Project } from 'projen';
import { RENOVATE_OPTIONS } from './option-shapes';
import { RenovateConfigOptions } from './options';
import { imagesInProjenrc, PROJENRC_FILES } from './projenrc-images';
import { RENOVATE_CONFIG_FILE, RenovateConfigSpec } from './renovate-config-spec';
import { RenderedFile } from '../util/rendered-file';
import { keepRepositoryFiles } from '../util/repository-files';
import { builtChecked } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';
import { fileExists, isUsersFile, refuseToOverwrite } from '../util/user-files';
import { invalidOption } from '../util/validate';

const OWNER = 'RenovateConfig';

/**
 * Renovate's other configuration files (Renovate 44, `configFileNames` in lib/config/app-strings.ts).
 * Renovate reads the first it finds, so a second one would be ignored or would ignore this one.
 */
const OTHER_CONFIG_FILES = [
  'renovate.json', '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json', '.gitlab/renovate.json5',
  '.renovaterc', '.renovaterc.json', '.renovaterc.json5',
];

/**
 * `renovate.json5` at the repository root, from the project tree at synthesis: every file projen writes is
 * left to projen, and the images that `.projenrc` holds are updated there and in the Dockerfiles together.
 * See {@link RenovateConfigSpec} for what the configuration does.
 */
export class RenovateConfig extends Component {
  /** The generated configuration file. */
  public readonly file: FileBase;
  private readonly options: RenovateConfigOptions;

  /**
   * @param project any project of the tree; the file goes to the root
   * @param options schedule, lock-file refresh and images of a `.projenrc` still to be written; invalid values throw here
   */
  public constructor(project: Project, options: RenovateConfigOptions = {}) {
    // Refused now, not at synthesis: the spec checks the options (their files are known only then).
    new RenovateConfigSpec(options);
    const root = project.root;
    refuseToOverwrite(OWNER, root.outdir, RENOVATE_CONFIG_FILE, 'move your settings into .projenrc or remove the file');
    const other = OTHER_CONFIG_FILES.find((file) => isUsersFile(join(root.outdir, file)));
    if (other !== undefined) {
      throw invalidOption(OWNER, 'project', join(root.outdir, other),
        `a repository without a Renovate configuration of its own (${other}): Renovate reads only one, so remove it or leave Renovate to it`);
    }
    refuseTakenPaths(OWNER, root, [{ option: 'file', path: RENOVATE_CONFIG_FILE }]);
    super(project, OWNER);
    keepRepositoryFiles(project, OWNER);
    this.options = options;
    this.file = new RenderedFile(root, RENOVATE_CONFIG_FILE, (marker) => this.spec().renderJson5({ headerComment: marker }), { committed: true });
  }

  /** The configuration of the tree as it is now (call at synthesis, when every file is known). */
  public spec(): RenovateConfigSpec {
    const root = this.project.root;
    const generatedFiles = filesOfTree(root).map((file) => relative(root.outdir, file.absolutePath).split(sep).join('/'))
      .filter((file) => file !== RENOVATE_CONFIG_FILE).sort();
    return new RenovateConfigSpec(builtChecked(RENOVATE_OPTIONS, {
      ...this.options,
      projenrcImages: [
        ...this.options.projenrcImages ?? [],
        ...PROJENRC_FILES.map((file) => join(root.outdir, file)).filter(fileExists).flatMap((file) => imagesInProjenrc(readFileSync(file, 'utf8'))),
      ],
    }), generatedFiles);
  }
}

function filesOfTree(project: Project): FileBase[] {
  return [...project.files, ...project.subprojects.flatMap(filesOfTree)];
}
