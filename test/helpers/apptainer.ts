/** A parsed Apptainer definition: stages of header keys and `%sections` with their bodies. */
export interface DefinitionStage {
  readonly header: Record<string, string>;
  readonly sections: { readonly name: string; readonly args: string; readonly body: string }[];
}

/**
 * Splits a definition into stages (each starts with `Bootstrap:`) and sections, following
 * Apptainer's format: `Key: value` header lines, then `%name [args]` lines opening a section.
 */
export function parseDefinition(text: string): DefinitionStage[] {
  const stages: { header: Record<string, string>; sections: { name: string; args: string; lines: string[] }[] }[] = [];
  for (const line of text.split('\n')) {
    const header = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    const section = /^%([a-z]+)\s*(.*)$/.exec(line);
    const stage = stages[stages.length - 1];
    if (header && header[1] === 'Bootstrap') {
      stages.push({ header: { Bootstrap: header[2] }, sections: [] });
    } else if (header && stage && stage.sections.length === 0) {
      stage.header[header[1]] = header[2];
    } else if (section && stage) {
      stage.sections.push({ name: section[1], args: section[2], lines: [] });
    } else if (stage && stage.sections.length > 0) {
      stage.sections[stage.sections.length - 1].lines.push(line.replace(/^ {4}/, ''));
    } else if (line.trim() !== '' && !line.startsWith('#')) {
      throw new Error(`unexpected line outside any section: ${line}`);
    }
  }
  return stages.map((s) => ({
    header: s.header,
    sections: s.sections.map((sec) => ({ name: sec.name, args: sec.args, body: sec.lines.join('\n').trim() + '\n' })),
  }));
}
