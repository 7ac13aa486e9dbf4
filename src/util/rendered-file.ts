import { IConstruct } from 'constructs';
import { FileBase, FileBaseOptions, IResolver } from 'projen';
import { refuseToOverwrite } from './user-files';

/**
 * A generated file whose text comes from a pure renderer, called at synthesis with the projen
 * marker, so that the marker sits where the format allows (e.g. after a `# syntax=` directive).
 * It never replaces a file the user wrote at its path: construction throws instead.
 */
export class RenderedFile extends FileBase {
  private readonly render: (marker: string | undefined) => string;

  constructor(scope: IConstruct, filePath: string, render: (marker: string | undefined) => string, options: FileBaseOptions = {}) {
    super(scope, filePath, options);
    refuseToOverwrite(scope.node.id, this.project.outdir, this.path,
      'move it away to have it generated, or have the generated file written to another path');
    this.render = render;
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render(this.marker);
  }
}
