/*
 * An independent reader of the `docker build` / `docker run` lines projen-pixi prints or writes for a
 * user to copy: it judges them against the generated Dockerfiles, as Docker would run them.
 */

/** Docker's rule for a repository name (lowercase components) with an optional tag. */
const IMAGE_TAG = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$/;

function words(line: string): string[] {
  return line.trim().split(/\s+/);
}

/**
 * What would go wrong running the `docker build`/`docker run` lines of `text` in a directory holding
 * `files` (the synthesized files): a Dockerfile that is not there (`docker build .` reads `Dockerfile`),
 * a tag Docker refuses or nobody built, an interactive shell (no `CMD`) run without `-it` (it exits at
 * once), a CUDA image (`ENV CONDA_OVERRIDE_CUDA`) run without `--gpus`.
 */
export function dockerCommandFindings(text: string, files: Record<string, unknown>): string[] {
  const findings: string[] = [];
  const built = new Map<string, string>();
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => /^docker (build|run)\s/.test(line));
  if (lines.length === 0) return ['no docker command'];
  for (const line of lines) {
    const [, verb, ...rest] = words(line);
    const flags = new Map<string, string | true>();
    const positional: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i];
      if (['-f', '--file', '-t', '--tag'].includes(word)) flags.set(word.replace(/^--file$/, '-f').replace(/^--tag$/, '-t'), rest[++i]);
      else if (word === '--gpus') flags.set(word, rest[++i]);
      else if (word.startsWith('-')) flags.set(word, true);
      else positional.push(word);
    }
    if (verb === 'build') {
      const dockerfile = (flags.get('-f') as string | undefined) ?? 'Dockerfile';
      const tag = flags.get('-t') as string | undefined;
      if (typeof files[dockerfile] !== 'string') findings.push(`${line}: no ${dockerfile} in the project`);
      if (positional[0] !== '.') findings.push(`${line}: the context is not the project directory`);
      if (tag === undefined || !IMAGE_TAG.test(tag)) findings.push(`${line}: Docker refuses the tag ${tag}`);
      else if (typeof files[dockerfile] === 'string') built.set(tag, dockerfile);
    } else {
      const tag = positional[0];
      const dockerfile = built.get(tag);
      if (dockerfile === undefined) {
        findings.push(`${line}: ${tag} was not built above`);
        continue;
      }
      const dockerfileText = files[dockerfile] as string;
      const interactive = positional.length === 1 && !/^CMD /m.test(dockerfileText);
      const tty = flags.has('-it') || flags.has('-ti') || (flags.has('-i') && flags.has('-t'));
      if (interactive && !tty) findings.push(`${line}: the image starts an interactive shell, which exits at once without -it`);
      if (/^ENV CONDA_OVERRIDE_CUDA=/m.test(dockerfileText) && flags.get('--gpus') === undefined) findings.push(`${line}: a CUDA image run without --gpus`);
    }
  }
  return findings;
}
