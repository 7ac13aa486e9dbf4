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

/**
 * What keeps a `%runscript` or `%startscript` from running its command in `workdir`. Apptainer starts
 * these scripts (with /bin/sh, no `set -e`) in the caller's working directory, which it binds from the
 * host, where Docker starts in the image's WORKDIR. So the script must change to `workdir` at its top
 * level before its first `exec`, and stop if it cannot (else it runs on in the host's directory).
 * Empty when the script is right.
 */
export function workdirFindings(body: string, workdir: string): string[] {
  const lines = body.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const exec = lines.findIndex((line) => /^exec\s/.test(line));
  if (exec < 0) return ['no exec line'];
  const before = lines.slice(0, exec);
  const nested = before.find((line) => /^(if|case|for|while|until)\b|[{(]\s*$/.test(line));
  if (nested) return [`control flow before exec, where a cd may not run: ${nested}`];
  const cds = before.filter((line) => /^cd(\s|$)/.test(line));
  if (cds.length === 0) return [`no cd to ${workdir} before exec: the command runs in the host's working directory`];
  const last = cds[cds.length - 1];
  const target = /^cd\s+(?:--\s+)?(?:'([^']*)'|"([^"]*)"|(\S+))\s*(.*)$/.exec(last);
  const dir = target && (target[1] ?? target[2] ?? target[3]);
  if (dir !== workdir) return [`the last cd before exec goes to ${dir ?? '?'}, not ${workdir}`];
  if (!/^\|\|\s*exit(\s+[1-9]\d*)?\s*$/.test(target![4])) return [`"${last}" does not stop when the directory is missing`];
  return [];
}
