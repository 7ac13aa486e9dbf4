import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as ts from 'typescript';

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

  test('a broken example is reported (the check can fail)', () => {
    const broken = snippets[0].replace('dockerfile:', 'dockerfiel:');
    expect(broken).not.toBe(snippets[0]);
    expect(typeCheck([broken]).join('\n')).toMatch(/dockerfiel/);
  }, 120_000);

  test('the test command follows its marker, alone in its sh block', () => {
    expect(README).toMatch(/^<!-- test-command -->\n```sh\nbash scripts\/install-test-tools.sh && npm ci && npm test && npm run test:e2e\n```$/m);
    expect(README).toMatch(/^<!-- main-command -->\n```sh\nnpm ci && npm run demo\n```$/m);
  });
});
