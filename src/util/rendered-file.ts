import { IConstruct } from 'constructs';
import { FileBase, FileBaseOptions, IResolver, Project } from 'projen';
import { projenMarker } from './projenrc-marker';
import { refuseToOverwrite } from './user-files';

/** The projen marker of each project being synthesized, computed once: the projenrc file cannot change then. */
const MARKERS = new WeakMap<Project, string | undefined>();
const SYNTHESIZING = new WeakSet<Project>();

/**
 * A generated file whose text comes from a pure renderer, called at synthesis with the projen
 * marker, so that the marker sits where the format allows (e.g. after a script's `#!` line).
 * It never replaces a file the user wrote at its path: construction throws instead.
 */
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

  /**
   * projen's marker, naming the projenrc the user edits (projen's own says `.projenrc.js` in a subproject
   * of a `.projenrc.ts`). Looking the projenrc up scans the components of the tree, per file and twice per
   * synthesis (for the text, then in projen's own marker check): during synthesis once per project is
   * enough (a hundred images would otherwise spend ~150 ms on it).
   */
  public get marker(): string | undefined {
    if (!this.addsMarker || this.project.ejected) return undefined;
    if (!SYNTHESIZING.has(this.project)) return projenMarker(this.project);
    if (!MARKERS.has(this.project)) MARKERS.set(this.project, projenMarker(this.project));
    return MARKERS.get(this.project);
  }

  public preSynthesize(): void {
    SYNTHESIZING.add(this.project);
  }

  public postSynthesize(): void {
    SYNTHESIZING.delete(this.project);
    MARKERS.delete(this.project);
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render(this.marker);
  }
}
