import { IConstruct } from 'constructs';
import { FileBase, FileBaseOptions, IResolver, Project } from 'projen';
import { refuseToOverwrite } from './user-files';

/**
 * A generated file whose text comes from a pure renderer, called at synthesis with the projen
 * marker, so that the marker sits where the format allows (e.g. after a `# syntax=` directive).
 * It never replaces a file the user wrote at its path: construction throws instead.
 */
/** The projen marker of each project, computed once. */
const MARKERS = new WeakMap<Project, string | undefined>();

export class RenderedFile extends FileBase {
  private readonly render: (marker: string | undefined) => string;

  private readonly addsMarker: boolean;

  constructor(scope: IConstruct, filePath: string, render: (marker: string | undefined) => string, options: FileBaseOptions = {}) {
    super(scope, filePath, options);
    refuseToOverwrite(scope.node.id, this.project.outdir, this.path,
      'move it away to have it generated, or have the generated file written to another path');
    this.render = render;
    this.addsMarker = options.marker ?? true;
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render(this.addsMarker && !this.project.ejected ? this.projectMarker() : undefined);
  }

  /**
   * projen's marker names the project's projenrc file, which its `marker` looks up in every component of the
   * tree, per file: once per project is enough (a hundred images would otherwise spend ~80 ms on it).
   */
  private projectMarker(): string | undefined {
    if (!MARKERS.has(this.project)) MARKERS.set(this.project, this.marker);
    return MARKERS.get(this.project);
  }
}
