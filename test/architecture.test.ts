import { readdirSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

/*
 * Rules of the code base that a reviewer should not have to check by hand: projen is used through its
 * public API only (its private members change at any release within our peer range), and the import
 * flow runs one way, from the pure renderers up to the projen components.
 */

const SRC = join(__dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

function program(): ts.Program {
  const options = { strict: true, noEmit: true, esModuleInterop: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022 };
  return ts.createProgram(sourceFiles(SRC), options);
}

/** Places in src that reach a private member of projen, or cast through `unknown` to a shape of their own (how one would). */
function privateAccesses(files: ReadonlyArray<ts.SourceFile>, checker: ts.TypeChecker): string[] {
  const found: string[] = [];
  const where = (node: ts.Node) => {
    const file = node.getSourceFile();
    return `${file.fileName.slice(SRC.length + 1)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) && ts.isTypeLiteralNode(node.type) && ts.isAsExpression(node.expression)
      && node.expression.type.kind === ts.SyntaxKind.UnknownKeyword) {
      found.push(`${where(node)} casts through unknown to { ... }`);
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name : node.argumentExpression;
      const declarations = checker.getSymbolAtLocation(name)?.declarations ?? [];
      for (const declaration of declarations) {
        // eslint-disable-next-line no-bitwise
        const isPrivate = ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Private;
        if (isPrivate && declaration.getSourceFile().fileName.includes('/node_modules/projen/')) {
          found.push(`${where(node)} reads projen's private ${name.getText()}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  files.forEach((file) => visit(file));
  return found;
}

/** The files at the top of src. */
const ENTRY_POINTS = ['index.ts', 'main.ts'];

/** The folders of src, each importing only from itself and those before it. */
const LAYERS = ['errors', 'util', 'pixi', 'docker', 'apptainer', 'hpc', 'github', 'renovate', 'project'];

/** Imports from a folder of src that comes later in LAYERS than the importing file's. */
function upwardImports(files: ReadonlyArray<ts.SourceFile>): string[] {
  const layerOf = (path: string) => LAYERS.indexOf(path.slice(SRC.length + 1).split('/')[0]);
  return files.flatMap((file) => file.statements.filter(ts.isImportDeclaration).flatMap((statement) => {
    const target = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (!target.startsWith('.')) return [];
    const imported = join(file.fileName, '..', target);
    return layerOf(imported) > layerOf(file.fileName) ? [`${file.fileName.slice(SRC.length + 1)} imports ${target}`] : [];
  }));
}

/**
 * Catch clauses that make a refusal (`new PixiValidationError`, `invalidOption(...)`) from a refusal they caught: a
 * rename after the throw. (A parser's own error, such as smol-toml's, may become a refusal.)
 */
function renamingCatches(files: ReadonlyArray<ts.SourceFile>): string[] {
  const found: string[] = [];
  const makesRefusal = (node: ts.Node): boolean =>
    (ts.isNewExpression(node) && node.expression.getText() === 'PixiValidationError')
    || (ts.isCallExpression(node) && node.expression.getText() === 'invalidOption')
    || ts.forEachChild(node, makesRefusal) === true;
  const visit = (node: ts.Node): void => {
    if (ts.isCatchClause(node) && /PixiValidationError|isValidationError|isUserError/.test(node.block.getText()) && makesRefusal(node.block)) {
      const file = node.getSourceFile();
      found.push(`${file.fileName.slice(SRC.length + 1)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  files.forEach((file) => visit(file));
  return found;
}

/** `new Error(...)` without a comment just above saying that it is not a refusal of an option. */
function unexplainedPlainErrors(files: ReadonlyArray<ts.SourceFile>): string[] {
  return files.flatMap((file) => {
    const lines = file.text.split('\n');
    return lines.flatMap((line, i) => /\bnew Error\(/.test(line) && !/Not a refusal of an option/.test(lines[i - 1] ?? '')
      ? [`${file.fileName.slice(SRC.length + 1)}:${i + 1}`] : []);
  });
}

describe('architecture', () => {
  const built = program();
  const ours = built.getSourceFiles().filter((file) => file.fileName.startsWith(SRC));

  test('src uses no private member of projen, and never casts through unknown to reach one', () => {
    expect(ours.length).toBeGreaterThan(50);
    expect(privateAccesses(ours, built.getTypeChecker())).toEqual([]);
  });

  test(`imports flow one way: ${LAYERS.join(' ← ')}`, () => {
    // Beside the folders: jsii's entry (index.ts, exports every folder) and the package's (main.ts, loads the bundle).
    const inFolders = ours.filter((file) => !ENTRY_POINTS.includes(file.fileName.slice(SRC.length + 1)));
    expect(inFolders.every((file) => LAYERS.includes(file.fileName.slice(SRC.length + 1).split('/')[0]))).toBe(true);
    expect(upwardImports(inFolders)).toEqual([]);
  });

  test('the package\'s entry point imports only the code-cache loader, which imports nothing of the library (it loads the bundle made from the rest)', () => {
    const relativeImports = (path: string) => ours.find((file) => file.fileName === join(SRC, path))!.statements.filter(ts.isImportDeclaration)
      .map((statement) => (statement.moduleSpecifier as ts.StringLiteral).text).filter((target) => target.startsWith('.'));
    expect(relativeImports('main.ts')).toEqual(['./util/code-cache']);
    expect(relativeImports('util/code-cache.ts')).toEqual([]);
  });

  test('a refusal is named when it is made: no catch in src makes a PixiValidationError from what it caught', () => {
    expect(renamingCatches(ours)).toEqual([]);
  });

  test('every plain Error in src says why it is not a refusal (README: every refusal is a PixiValidationError)', () => {
    expect(unexplainedPlainErrors(ours)).toEqual([]);
  });

  test('the refusal checks can fail: a rename in a catch and a bare plain Error are reported', () => {
    const text = [
      'try { build(); } catch (error) {',
      '  if (error instanceof PixiValidationError) throw invalidOption("X", `o.${error.option}`, 1, "a");',
      '}',
      'throw new Error("x");',
      '',
    ].join('\n');
    const file = ts.createSourceFile(join(SRC, 'renaming.ts'), text, ts.ScriptTarget.ES2022, true);
    expect(renamingCatches([file])).toEqual(['renaming.ts:1']);
    expect(unexplainedPlainErrors([file])).toEqual(['renaming.ts:4']);
  });

  test('the check can fail: the monkeypatch projen-pixi once used is reported', () => {
    const text = [
      'import { github } from "projen";',
      'export function patch(workflow: github.GithubWorkflow) {',
      '  const hidden = workflow as unknown as { renderWorkflow(): object };',
      '  return (workflow as any).renderWorkflow ?? hidden;',
      '}',
      'export function read(provider: github.GitHubActionsProvider) { return provider["actions"]; }',
      '',
    ].join('\n');
    const file = join(SRC, 'monkeypatch.ts');
    const host = ts.createCompilerHost({});
    const readFile = host.readFile;
    host.readFile = (name) => (name === file ? text : readFile(name));
    host.fileExists = ((exists) => (name: string) => name === file || exists(name))(host.fileExists);
    const patched = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022 }, host);
    expect(privateAccesses([patched.getSourceFile(file)!], patched.getTypeChecker())).toEqual([
      'monkeypatch.ts:3 casts through unknown to { ... }',
      'monkeypatch.ts:6 reads projen\'s private "actions"',
    ]);
  });
});
