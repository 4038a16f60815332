/**
 * Changes the expectations of a step module in its TypeScript source, through the syntax tree
 * of the TypeScript compiler: only string literals that hold an expectation are replaced, every
 * other byte of the file (comments, formatting, other fields) is kept.
 * @module
 */
import ts from "typescript";

/** One expectation to write: the new pattern text of a command's stream. */
export interface ExpectationEdit {
  /** 0-based index of the command in the step. */
  index: number;
  /** Which expectation. */
  stream: "stdout" | "stderr";
  /** The new pattern text (a string expectation, or the `text` of a lines/unordered one). */
  text: string;
}

/** Where a literal was replaced, and by what. */
export interface Replaced {
  /** 1-based line of the replaced literal's start. */
  line: number;
  /** Offset of the replaced literal in the old source. */
  start: number;
  /** Offset just after it. */
  end: number;
  /** The new literal, as written. */
  literal: string;
}

/** The result of `editStep`. */
export interface StepEdit {
  /** The new source (equal to the old one when nothing could be changed). */
  text: string;
  /** The edits made, in source order, each with where the literal it replaced was. */
  applied: Array<ExpectationEdit & Replaced>;
  /** The edits left alone, and why. */
  skipped: Array<ExpectationEdit & { reason: string }>;
}

/**
 * Writes each edit into the step module's source. A step whose default export is not an
 * object literal (`export default { ... }`, `satisfies` or `as` allowed) with a `commands`
 * array literal is left alone: every edit is skipped with the reason. So is an expectation
 * that is not a string literal (a `.join("\n")` call, a variable, a template with `${}`).
 */
export function editStep(
  source: string,
  file: string,
  edits: readonly ExpectationEdit[],
): StepEdit {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const skipAll = (reason: string): StepEdit => ({
    text: source,
    applied: [],
    skipped: edits.map((e) => ({ ...e, reason })),
  });
  const step = defaultObject(sf);
  if (step === undefined) {
    return skipAll("its default export is not a plain object literal (export default { ... })");
  }
  const commands = property(step, "commands");
  if (commands === undefined || !ts.isArrayLiteralExpression(commands)) {
    return skipAll('its "commands" field is not an array literal');
  }
  const applied: StepEdit["applied"] = [];
  const skipped: StepEdit["skipped"] = [];
  for (const edit of edits) {
    const command = commands.elements[edit.index];
    const where = `command ${edit.index}`;
    if (command === undefined || !ts.isObjectLiteralExpression(unwrap(command))) {
      skipped.push({ ...edit, reason: `${where} is not an object literal` });
      continue;
    }
    let value = property(unwrap(command) as ts.ObjectLiteralExpression, edit.stream);
    if (value !== undefined && ts.isObjectLiteralExpression(value)) {
      value = property(value, "text");
    }
    const lines = value === undefined ? undefined : joinedLines(value);
    if (lines !== undefined) {
      const start = lines.getStart(sf);
      applied.push({
        ...edit,
        line: sf.getLineAndCharacterOfPosition(start).line + 1,
        start,
        end: lines.getEnd(),
        literal: arrayLiteral(edit.text, lines, sf, source),
      });
      continue;
    }
    if (value === undefined || !isPlainString(value)) {
      skipped.push({
        ...edit,
        reason: `the ${edit.stream} of ${where} is not a string literal${
          value === undefined ? "" : ` (it is ${describe(value, sf)})`
        }`,
      });
      continue;
    }
    const start = value.getStart(sf);
    applied.push({
      ...edit,
      line: sf.getLineAndCharacterOfPosition(start).line + 1,
      start,
      end: value.getEnd(),
      literal: literal(edit.text, value, sf),
    });
  }
  applied.sort((a, b) => a.start - b.start);
  let text = source;
  for (const r of [...applied].reverse()) {
    text = text.slice(0, r.start) + r.literal + text.slice(r.end);
  }
  const broken = syntaxError(text, file);
  if (broken !== undefined) return skipAll(`the edited source would not parse: ${broken}`);
  return { text, applied, skipped };
}

/** The object literal a module exports by default, or undefined. */
function defaultObject(sf: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sf.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) {
      const value = unwrap(statement.expression);
      return ts.isObjectLiteralExpression(value) ? value : undefined;
    }
  }
  return undefined;
}

/** An expression without `satisfies T`, `as T` and parentheses around it. */
function unwrap(node: ts.Expression): ts.Expression {
  let at = node;
  while (
    ts.isSatisfiesExpression(at) || ts.isAsExpression(at) || ts.isParenthesizedExpression(at)
  ) {
    at = at.expression;
  }
  return at;
}

/** The value of a `name: value` property of an object literal (unwrapped), or undefined. */
function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) {
    if (!ts.isPropertyAssignment(p)) continue;
    const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : undefined;
    if (key === name) return unwrap(p.initializer);
  }
  return undefined;
}

function isPlainString(
  node: ts.Expression,
): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

function describe(node: ts.Expression, sf: ts.SourceFile): string {
  const text = node.getText(sf).replace(/\s+/g, " ");
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

/**
 * The array of a `[...].join("\n")` expression whose elements are all string literals (the
 * way a long pattern is written one line per element), or undefined.
 */
function joinedLines(node: ts.Expression): ts.ArrayLiteralExpression | undefined {
  if (!ts.isCallExpression(node) || node.arguments.length !== 1) return undefined;
  const [separator] = node.arguments;
  const callee = node.expression;
  if (!isPlainString(separator) || separator.text !== "\n") return undefined;
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "join") return undefined;
  const array = unwrap(callee.expression);
  if (!ts.isArrayLiteralExpression(array) || array.elements.length === 0) return undefined;
  return array.elements.every(isPlainString) ? array : undefined;
}

/** An array literal of the lines of `text`, laid out as `old` is (one element per line or not). */
function arrayLiteral(
  text: string,
  old: ts.ArrayLiteralExpression,
  sf: ts.SourceFile,
  source: string,
): string {
  const first = old.elements[0];
  const items = text.split("\n").map((line) => literal(line, first, sf));
  const open = sf.getLineAndCharacterOfPosition(old.getStart(sf)).line;
  const firstLine = sf.getLineAndCharacterOfPosition(first.getStart(sf)).line;
  if (firstLine === open) return `[${items.join(", ")}]`;
  const indentOf = (pos: number) => {
    const from = source.lastIndexOf("\n", pos - 1) + 1;
    return /^[ \t]*/.exec(source.slice(from))![0];
  };
  const inner = indentOf(first.getStart(sf));
  const close = indentOf(old.getEnd() - 1);
  const trailing = old.elements.hasTrailingComma ? "," : "";
  return `[\n${items.map((item) => inner + item).join(",\n")}${trailing}\n${close}]`;
}

/** A literal for `text` in the style of the one it replaces (quote kind). */
function literal(text: string, old: ts.Expression, sf: ts.SourceFile): string {
  const quote = old.getText(sf)[0];
  if (quote === "`") {
    return "`" + text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${") + "`";
  }
  const double = JSON.stringify(text);
  if (quote === '"') return double;
  const inner = double.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${inner}'`;
}

/** The first syntax error of a TypeScript source, or undefined. */
function syntaxError(text: string, file: string): string | undefined {
  const out = ts.transpileModule(text, { fileName: file, reportDiagnostics: true });
  const first = out.diagnostics?.[0];
  return first === undefined ? undefined : ts.flattenDiagnosticMessageText(first.messageText, " ");
}
