import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

/** One instruction of a Dockerfile as dockerfile-ast parses it. */
export interface Instruction {
  readonly keyword: string;
  /** Arguments without flags, continuation lines joined. */
  readonly args: string;
  readonly flags: Record<string, string>;
  /** Name of the stage the instruction belongs to. */
  readonly stage: string;
  readonly line: number;
}

/** Instruction lines as written: comments and blank lines dropped, continuations kept. */
export function instructionLines(dockerfile: string): string[] {
  return dockerfile.split('\n').filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

/** Parses a Dockerfile with dockerfile-ast into its instructions, each tagged with its stage. */
export function parseInstructions(dockerfile: string): Instruction[] {
  const parsed = DockerfileParser.parse(dockerfile);
  let stage = '';
  return parsed.getInstructions().map((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') stage = /\bAS\s+(\S+)/i.exec(instruction.getArgumentsContent() ?? '')?.[1] ?? '';
    const flags: Record<string, string> = {};
    const withFlags = instruction as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
    for (const flag of withFlags.getFlags?.() ?? []) flags[flag.getName()] = flag.getValue() ?? '';
    return {
      keyword,
      args: (instruction.getArgumentsContent() ?? '').replace(/\s+/g, ' ').trim(),
      flags,
      stage,
      line: instruction.getRange().start.line + 1,
    };
  });
}

/** Stage names in order. */
export function stageNames(dockerfile: string): string[] {
  return DockerfileParser.parse(dockerfile).getFROMs().map((from) => from.getBuildStage() ?? '');
}

/** Parser directives (e.g. `syntax`). */
export function directives(dockerfile: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const d of DockerfileParser.parse(dockerfile).getDirectives()) result[d.getName()] = d.getValue();
  return result;
}

/** dockerfile-utils diagnostics (errors and warnings), formatted one per string. */
export function dockerfileDiagnostics(dockerfile: string): string[] {
  return validate(dockerfile).map((d) => `${d.range.start.line + 1}: [${d.code}] ${d.message}`);
}

/** Shell scripts of the shell-form RUN instructions (run by /bin/sh -c). */
export function runScripts(dockerfile: string): string[] {
  return parseInstructions(dockerfile)
    .filter((i) => i.keyword === 'RUN' && !i.args.startsWith('['))
    .map((i) => i.args);
}

/**
 * Cache property of a pixi Dockerfile: in the stage that runs `pixi install`, nothing but the
 * manifest and the lock may be copied from the build context before the install. Returns the
 * offending COPY instructions (empty when the property holds).
 */
export function sourceCopiesBeforeInstall(dockerfile: string, allowed: string[] = ['pixi.toml', 'pyproject.toml', 'pixi.lock']): string[] {
  const instructions = parseInstructions(dockerfile);
  const install = instructions.findIndex((i) => i.keyword === 'RUN' && /\bpixi install\b/.test(i.args));
  if (install < 0) return ['no RUN with pixi install'];
  const stage = instructions[install].stage;
  return instructions
    .slice(0, install)
    .filter((i) => i.stage === stage && (i.keyword === 'COPY' || i.keyword === 'ADD') && !('from' in i.flags))
    .filter((i) => {
      const sources = i.args.split(' ').slice(0, -1);
      return sources.some((source) => !allowed.includes(source.replace(/^\.\//, '')));
    })
    .map((i) => `line ${i.line}: ${i.keyword} ${i.args}`);
}

/**
 * The arguments of the last exec-form instruction of a kind (CMD, ENTRYPOINT), decoded as JSON as
 * Docker does (dockerfile-ast's own JSON strings drop whitespace inside values).
 */
export function execFormOf(dockerfile: string, keyword: 'CMD' | 'ENTRYPOINT'): string[] | undefined {
  const found = DockerfileParser.parse(dockerfile).getInstructions().filter((i) => i.getKeyword() === keyword).pop();
  return found ? JSON.parse(found.getArgumentsContent() ?? '') : undefined;
}
