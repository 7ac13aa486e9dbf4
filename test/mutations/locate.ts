/*
 * Where a mutation applies: inside one named declaration of its file (a function, a method, a class, a
 * constant), and there at the fragment it replaces, matched whatever the whitespace. A reformatted or
 * moved declaration keeps its mutations; a renamed one, or a fragment that is gone, is reported as stale.
 */
import * as ts from 'typescript';

/** The declarations a mutation can name: `buildJob`, `GhcrWorkflowSpec.render`, `IMAGE_NAME`. */
function nameOf(node: ts.Node): string | undefined {
  const named = (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node)
    || ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node)) ? node.name : undefined;
  const own = ts.isConstructorDeclaration(node) ? 'constructor' : named && ts.isIdentifier(named) ? named.text : undefined;
  if (own === undefined) return undefined;
  const owner = ts.isClassElement(node) && ts.isClassDeclaration(node.parent) ? node.parent.name?.text : undefined;
  return owner === undefined ? own : `${owner}.${own}`;
}

/** Every named declaration of the file, outermost first, with where it starts and ends. */
function declarations(file: ts.SourceFile): Array<{ name: string; start: number; end: number }> {
  const found: Array<{ name: string; start: number; end: number }> = [];
  const visit = (node: ts.Node): void => {
    const name = nameOf(node);
    // A constant starts with its statement (`export const X = ...`), when it is the statement's only one.
    const statement = ts.isVariableDeclaration(node) && ts.isVariableStatement(node.parent.parent)
      && (node.parent as ts.VariableDeclarationList).declarations.length === 1 ? node.parent.parent : node;
    if (name !== undefined) found.push({ name, start: statement.getStart(file), end: statement.getEnd() });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** A pattern for the fragment that any run of whitespace matches where it has some, and none or some around brackets. */
function fragmentPattern(fragment: string): RegExp {
  const escaped = fragment.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/(\\[([{])/g, '$1\\s*').replace(/(\\[)\]}])/g, '\\s*$1')).join('\\s+');
  return new RegExp(escaped, 'g');
}

/** What a mutation of an import names as its declaration: the file's imports. */
export const IMPORTS = '(imports)';

/** Where the mutation's fragment is, or why it cannot be found. */
export function locate(source: string, fileName: string, declaration: string, fragment: string): { start: number; end: number } | string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const imports = file.statements.filter(ts.isImportDeclaration);
  const importRange = imports.length > 0 ? [{ name: IMPORTS, start: imports[0].getStart(file), end: imports[imports.length - 1].getEnd() }] : [];
  const all = [...declarations(file), ...importRange];
  const scopes = all.filter((found) => found.name === declaration);
  if (scopes.length !== 1) return `${scopes.length === 0 ? 'no' : scopes.length} declarations named ${declaration} in ${fileName}`;
  const [scope] = scopes;
  const text = source.slice(scope.start, scope.end);
  const matches = [...text.matchAll(fragmentPattern(fragment))];
  if (matches.length !== 1) return `${matches.length === 0 ? 'no' : matches.length} matches of "${fragment}" in ${declaration} of ${fileName}`;
  return { start: scope.start + matches[0].index!, end: scope.start + matches[0].index! + matches[0][0].length };
}

/** The innermost declaration of the file that holds the position and whose name no other declaration of the file has. */
export function innermostUniqueDeclaration(source: string, fileName: string, position: number): string | undefined {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const all = declarations(file);
  const holding = all.filter((found) => found.start <= position && position < found.end);
  return holding.reverse().find((found) => all.filter((other) => other.name === found.name).length === 1)?.name;
}
