/**
 * The import graph of core's sources, read with the TypeScript parser (not regexes, so comments,
 * strings and `import type` are told apart). Two users: the build (`tsup.config.ts` emits exactly
 * the modules the public entries reach) and the layering test (`test/layering.test.ts`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One import or re-export of a module. */
export interface ModuleImport {
  /** The specifier as written, e.g. `../period/index.js` or `zod`. */
  specifier: string;
  /** The imported file, for a relative specifier (`.js` mapped back to its `.ts` source). */
  resolved?: string;
  /** True when nothing of it exists at run time (`import type`, `export type`, or only `type` names). */
  typeOnly: boolean;
  /** 1-based line of the statement. */
  line: number;
}

function allNamesAreTypes(elements: ts.NodeArray<ts.ImportSpecifier> | ts.NodeArray<ts.ExportSpecifier>): boolean {
  return elements.length > 0 && elements.every((e) => e.isTypeOnly);
}

/** The imports and re-exports of one TypeScript file, with dynamic `import('…')` calls. */
export function importsOf(file: string): ModuleImport[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: ModuleImport[] = [];
  const add = (specifier: string, typeOnly: boolean, node: ts.Node) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const entry: ModuleImport = { specifier, typeOnly, line };
    if (specifier.startsWith('.')) entry.resolved = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'));
    out.push(entry);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) && allNamesAreTypes(clause.namedBindings.elements)));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && allNamesAreTypes(node.exportClause.elements));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg && ts.isStringLiteral(arg)) add(arg.text, false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/**
 * Every source file reachable from the entries through imports that exist at run time, entries
 * included, sorted. Type-only imports are not followed: their files emit nothing the entries need.
 */
export function runtimeClosure(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = entries.map((e) => path.resolve(e));
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of importsOf(file)) if (i.resolved && !i.typeOnly) stack.push(i.resolved);
  }
  return [...seen].sort();
}
