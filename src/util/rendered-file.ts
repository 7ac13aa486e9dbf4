import { IConstruct } from 'constructs';
import { FileBase, FileBaseOptions, IResolver } from 'projen';

/**
 * A generated file whose text comes from a pure renderer, called at synthesis with the projen
 * marker, so that the marker sits where the format allows (e.g. after a `# syntax=` directive).
 */
export class RenderedFile extends FileBase {
  private readonly render: (marker: string | undefined) => string;

  constructor(scope: IConstruct, filePath: string, render: (marker: string | undefined) => string, options: FileBaseOptions = {}) {
    super(scope, filePath, options);
    this.render = render;
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    return this.render(this.marker);
  }
}
