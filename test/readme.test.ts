import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { RenovateConfigSpec } from '../src';
import { run } from './helpers/pack';
import { tempDir } from './helpers/temp';

const REPO = join(__dirname, '..');
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** The body of every fenced block of one language, in order. */
function fencedBlocks(markdown: string, language: string): string[] {
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm');
  return [...markdown.matchAll(fence)].map((match) => match[1]);
}

/**
 * Type-checks each snippet as its own module, the library imported from this repository's
 * sources (as a user would import the published package), and returns the formatted diagnostics.
 */
function typeCheck(snippets: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'readme-snippets-'));
  try {
    const library = join(REPO, 'src', 'index');
    const files = snippets.map((snippet, i) => {
      const file = join(dir, `snippet-${i + 1}.ts`);
      writeFileSync(file, snippet.replace(/from 'projen-pixi'/g, `from '${library}'`));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      esModuleInterop: true,
      skipLibCheck: true,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
      // The snippets live outside the repository: resolve projen and @types from its node_modules.
      typeRoots: [join(REPO, 'node_modules', '@types')],
      paths: { projen: [join(REPO, 'node_modules', 'projen')] },
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => dir,
      getNewLine: () => '\n',
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a folder holds, as an example's first line says it: "// In a folder with pixi.toml (…) and app/." */
const FOLDER_LINE = /^\/\/ In (?:an empty folder|a folder with (.+))\.$/;

/** The paths a first line names (directories end in "/"); its parentheses describe them. */
function namedPaths(firstLine: string): string[] {
  const [, list] = FOLDER_LINE.exec(firstLine) ?? [];
  return list === undefined ? [] : list.replace(/ \([^)]*\)/g, '').split(/, | and /);
}

const MANIFEST = `[workspace]
name = "lab"
channels = ["conda-forge"]
platforms = ["linux-64"]

[tasks]
test = "python -m pytest"

[dependencies]
python = "3.12.*"

[feature.gpu.system-requirements]
cuda = "12"

[environments]
gpu = ["gpu"]
`;
const PYPROJECT = `[project]
name = "my-analysis"
version = "0.1.0"
requires-python = ">=3.12"

[build-system]
build-backend = "hatchling.build"
requires = ["hatchling"]

[tool.pixi.workspace]
channels = ["conda-forge"]
platforms = ["linux-64"]

[tool.pixi.dependencies]
python = "3.12.*"
`;
const CODE = 'print("hello")\n';

/**
 * What each folder an example names holds, keyed by the example's first line: the files stand in for the user's,
 * with what the line says of them (the environments, the tasks, the install).
 */
const FOLDERS: Record<string, Record<string, string>> = {
  '// In an empty folder.': {},
  '// In a folder with app/.': { 'app/main.py': CODE },
  '// In a folder with app/ (your code).': { 'app/torch_detect_GPU.py': CODE },
  '// In a folder with cuda-exercise/app/ (the exercise\'s code).': { 'cuda-exercise/app/main.py': CODE },
  '// In a folder with pixi.toml and app/.': { 'pixi.toml': MANIFEST, 'app/run.py': CODE },
  '// In a folder with pixi.toml, pyproject.toml (the package my_project, built by pip), my_project/ and main.py.': {
    'pixi.toml': MANIFEST, 'pyproject.toml': PYPROJECT.replace('my-analysis', 'my_project'), 'my_project/__init__.py': '', 'main.py': CODE,
  },
  '// In a folder with pixi.toml, my_project/, main.py and config/.': {
    'pixi.toml': MANIFEST, 'my_project/__init__.py': '', 'my_project/__main__.py': CODE, 'main.py': CODE, 'config/app.toml': '',
  },
  '// In a folder with pixi.toml (a gpu environment) and app/.': { 'pixi.toml': MANIFEST, 'app/main.py': CODE },
  '// In a folder with pixi.toml (environments default and gpu, a test task).': { 'pixi.toml': MANIFEST },
  '// In a folder with cuda-exercise/pixi.toml (a gpu environment) and cuda-exercise/app/.': { 'cuda-exercise/pixi.toml': MANIFEST, 'cuda-exercise/app/main.py': CODE },
  '// In a folder with pyproject.toml (its [tool.pixi] tables have a prod environment) and app/ (analysis.py).': {
    'pyproject.toml': `${PYPROJECT}\n[tool.pixi.feature.prod.dependencies]\nnumpy = ">=2"\n\n[tool.pixi.environments]\nprod = ["prod"]\n`,
    'app/analysis.py': CODE,
  },
  '// In a folder with pyproject.toml (its [tool.pixi] tables install my_analysis in editable mode: path = ".") and my_analysis/.': {
    'pyproject.toml': `${PYPROJECT}\n[tool.pixi.pypi-dependencies]\nmy_analysis = { path = ".", editable = true }\n`,
    'my_analysis/__init__.py': '',
    'my_analysis/__main__.py': CODE,
  },
};

/** The files an example's constructs write, found anywhere in its folder (subprojects write into theirs). */
function expectedFiles(example: string): string[] {
  const files = [...example.matchAll(/dockerfile: '([^']+)'/g)].map((match) => match[1]);
  if (/new PixiDockerImage\(/.test(example) && files.length === 0) files.push('Dockerfile');
  if (/new PixiWorkspace\(/.test(example)) files.push('pixi.toml');
  if (/new GhcrWorkflow\(/.test(example)) files.push('docker.yaml');
  if (/new PixiTestWorkflow\(/.test(example)) files.push('pixi.yaml');
  if (/new ApptainerDefinition\(/.test(example)) files.push('apptainer.gpu.def');
  if (/new DockerIgnore\(/.test(example)) files.push('.dockerignore');
  if (/new HtcondorJob\(/.test(example)) files.push('htcondor.gpu.sub');
  if (/new SlurmJob\(/.test(example)) files.push('slurm.gpu.sh');
  return files;
}

/** Every file under `dir`, relative to it, node_modules left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).filter((entry) => entry.name !== 'node_modules').flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}

/**
 * Runs each example as a user runs a .projenrc.ts, in a fresh folder holding only what its first line names,
 * with the library from this repository's sources; returns, per example, its folder and the error it threw.
 */
function runExamples(examples: string[]): { dir: string; error: string | null }[] {
  const work = tempDir('readme-examples-');
  const jobs = examples.map((example, i) => {
    const dir = join(work, `example-${i + 1}`);
    mkdirSync(dir);
    for (const [path, content] of Object.entries(FOLDERS[example.split('\n')[0]] ?? {})) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const file = join(work, `example-${i + 1}.ts`);
    writeFileSync(file, example.replace(/from 'projen-pixi'/g, `from '${join(REPO, 'src', 'index')}'`)
      .replace(/from 'projen'/g, `from '${join(REPO, 'node_modules', 'projen')}'`));
    return { dir, file };
  });
  writeFileSync(join(work, 'jobs.json'), JSON.stringify(jobs));
  run(process.execPath, [join(__dirname, 'helpers', 'run-examples.js'), join(work, 'jobs.json'), join(work, 'results.json')], REPO);
  const errors: (string | null)[] = JSON.parse(readFileSync(join(work, 'results.json'), 'utf8'));
  return jobs.map(({ dir }, i) => ({ dir, error: errors[i] }));
}

/**
 * Where the final image's `python` command (`python -m pkg` from WORKDIR /app, or `python src/x.py`) finds its code:
 * the image path, the file or directory of the build context the Dockerfile copies there, and whether it exists.
 * Undefined for a command that is not python.
 */
function pythonCodeOf(dir: string, dockerfile: string): { image: string; context?: string; found: boolean } | undefined {
  const text = readFileSync(join(dir, dockerfile), 'utf8');
  const context = join(dir, dockerfile, '..');
  const cmd = /^CMD (\[.*\])$/m.exec(text);
  const command: string[] = cmd ? JSON.parse(cmd[1]) : [];
  if (command[0] !== 'python') return undefined;
  const image = command[1] === '-m' ? `/app/${command[2].split('.')[0]}` : `/app/${command[1]}`;
  const stages = text.split(/^FROM /m);
  const copies = (stage: string) => [...stage.matchAll(/^COPY (?:--[\w-]+=\S+ )*(.+) (\S+)$/gm)]
    .map(([line, sources, destination]) => ({ fromBuild: line.includes('--from=build'), sources: sources.split(' '), destination }));
  const built = copies(stages[stages.length - 2] ?? '').filter((copy) => !copy.fromBuild);
  for (const copy of copies(stages[stages.length - 1])) {
    for (const source of copy.sources) {
      // A directory copied to its destination, or a build-stage path kept at the same place.
      const target = copy.fromBuild ? source : copy.destination;
      if (image !== target && !image.startsWith(`${target}/`)) continue;
      const origin = copy.fromBuild ? built.find((b) => `/app/${b.destination.replace(/^\.\//, '')}` === source)?.sources[0] : source;
      if (origin === undefined) continue;
      const path = join(context, origin, image.slice(target.length));
      const found = existsSync(path) || (command[1] === '-m' && existsSync(`${path}.py`));
      return { image, context: relative(dir, path), found };
    }
  }
  return { image, found: false };
}

describe('README', () => {
  const snippets = fencedBlocks(README, 'ts');

  test('has TypeScript examples that import the library', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(3);
    for (const snippet of snippets) expect(snippet).toMatch(/from 'projen-pixi'/);
  });

  test('every TypeScript example compiles', () => {
    const diagnostics = typeCheck(snippets);
    // Compare the text, so a failure prints every diagnostic with its file and line.
    expect(diagnostics.join('\n')).toBe('');
  }, 120_000);

  test('every TypeScript example says first what its folder holds, and the folder holds just that', () => {
    for (const snippet of snippets) {
      const [firstLine] = snippet.split('\n');
      expect([firstLine, FOLDER_LINE.test(firstLine) && firstLine in FOLDERS]).toEqual([firstLine, true]);
      const files = Object.keys(FOLDERS[firstLine]);
      const named = namedPaths(firstLine);
      const covered = (file: string) => named.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path));
      expect([firstLine, files.filter((file) => !covered(file))]).toEqual([firstLine, []]);
      expect([firstLine, named.filter((path) => !files.some((file) => (path.endsWith('/') ? file.startsWith(path) : file === path)))]).toEqual([firstLine, []]);
    }
  });

  describe('every TypeScript example runs as written in that folder', () => {
    let results: { dir: string; error: string | null }[];
    let lacking: { dir: string; error: string | null };
    beforeAll(() => {
      // With them, in the same run, one whose folder lacks its manifest: it must be reported.
      const adopting = snippets.find((snippet) => snippet.includes('PixiWorkspace.fromManifest(project, \'pyproject.toml\')'))!;
      results = runExamples([...snippets, adopting.replace(/^.*\n/, '// In an empty folder.\n')]);
      lacking = results.pop()!;
    }, 120_000);

    test('it synthesizes, writes the files of its constructs, and needs no yarn', () => {
      const outcome = results.map(({ dir, error }, i) => {
        const written = filesUnder(dir);
        const missing = /\.synth\(\)|writeFileSync/.test(snippets[i])
          ? expectedFiles(snippets[i]).filter((name) => !written.some((path) => path === name || path.endsWith(`/${name}`)))
          : [];
        const yarn = written.filter((path) => path.endsWith('.projen/tasks.json') && /"yarn\b/.test(readFileSync(join(dir, path), 'utf8')));
        return { example: snippets[i].split('\n')[0], error, missing, yarn };
      });
      // Compare the whole list, so a failure shows every example that fails and why.
      expect(outcome).toEqual(outcome.map(({ example }) => ({ example, error: null, missing: [], yarn: [] })));
    });

    test('the job files README shows are the ones its example writes (without projen\'s marker)', () => {
      const shown = [...README.matchAll(/^<!-- ((?:htcondor|slurm)\.gpu\.(?:sub|sh)) -->\n```\n([\s\S]*?)^```$/gm)];
      expect(shown.map(([, file]) => file)).toEqual(['htcondor.gpu.sub', 'slurm.gpu.sh']);
      const i = snippets.findIndex((snippet) => snippet.includes('new HtcondorJob('));
      for (const [, file, text] of shown) {
        const written = readFileSync(join(results[i].dir, file), 'utf8').split('\n').filter((line) => !line.includes('~~ Generated by projen')).join('\n');
        expect([file, written]).toEqual([file, text]);
      }
    });

    test('the python command of each image it writes finds its code in the image', () => {
      const lost = results.flatMap(({ dir }, i) => filesUnder(dir).filter((path) => /(^|\/)Dockerfile[^/]*$/.test(path))
        .map((dockerfile) => ({ example: snippets[i].split('\n')[0], dockerfile, code: pythonCodeOf(dir, dockerfile) }))
        .filter(({ code }) => code !== undefined && !code.found));
      expect(lost).toEqual([]);
      // Not vacuous: both forms are checked, a package run with -m and a script.
      const checked = results.flatMap(({ dir }) => filesUnder(dir).filter((path) => /(^|\/)Dockerfile[^/]*$/.test(path)).map((path) => pythonCodeOf(dir, path)?.image));
      expect(checked).toEqual(expect.arrayContaining(['/app/my_analysis', '/app/src/analysis.py']));
    });

    test('a folder that lacks what an example needs is reported (the check can fail)', () => {
      expect(lacking.error).toMatch(/manifestFile "pyproject\.toml"/);
    });
  });

  test('a broken example is reported (the check can fail)', () => {
    const broken = snippets[0].replace('dockerfile:', 'dockerfiel:');
    expect(broken).not.toBe(snippets[0]);
    expect(typeCheck([broken]).join('\n')).toMatch(/dockerfiel/);
  }, 120_000);

  test('the test command follows its marker, alone in its sh block', () => {
    expect(README).toMatch(/^<!-- test-command -->\n```sh\nbash scripts\/install-test-tools.sh && npm ci && npm test && npm run test:e2e\n```$/m);
    expect(README).toMatch(/^<!-- main-command -->\n```sh\nnpm ci && npm run demo\n```$/m);
  });

  test('the Renovate excerpt shows what RenovateConfigSpec writes', () => {
    const [excerpt] = fencedBlocks(README, 'json5');
    const config = new RenovateConfigSpec().toConfig();
    const shown = (key: string) => JSON.parse(new RegExp(`^\\s*"${key}": (\\[[^\\]]*\\]|\\{[^}]*\\})`, 'm').exec(excerpt)![1]);
    for (const key of ['extends', 'schedule', 'lockFileMaintenance']) expect([key, shown(key)]).toEqual([key, config[key]]);
    expect(excerpt.split('\n')[0]).toBe('// ~~ Generated by projen. To modify, edit .projenrc.js and run "npx projen".');
  });

  test('the table of components and their pure twins matches the code: classes exported, one struct or options extending the spec\'s', () => {
    const rows = [...README.matchAll(/^\| `(\w+)` \| `(\w+Spec)`[^|]*\| `(\w+Options)`(?: extends `(\w+SpecOptions)`|, for both) \|$/gm)];
    expect(rows.length).toBe(8);
    const program = ts.createProgram([join(REPO, 'src', 'index.ts')], { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022 });
    const checker = program.getTypeChecker();
    const exported = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(join(REPO, 'src', 'index.ts'))!)!)
      .map((symbol) => [symbol.name, symbol]));
    for (const [, component, spec, options, specOptions] of rows) {
      expect([component, spec, options, specOptions].filter((name) => name !== undefined && !exported.has(name))).toEqual([]);
      const declaration = exported.get(options)!.declarations!.find(ts.isInterfaceDeclaration)!;
      const bases = (declaration.heritageClauses ?? []).flatMap((clause) => clause.types.map((type) => type.expression.getText()));
      // One struct for both extends no spec's options; a component's own options extend the spec's.
      const specBases = bases.filter((base) => base.endsWith('SpecOptions'));
      expect([options, specBases]).toEqual([options, specOptions === undefined ? [] : [specOptions]]);
    }
  }, 120_000);
});
