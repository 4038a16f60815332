/**
 * The one TAP version 14 writer: test points with YAML diagnostics, and subtests. The run and
 * check reporters stream points one at a time; the grade export writes a document of subtests.
 * @module
 */

/** The first line of every TAP 14 stream. */
export const TAP_VERSION = "TAP version 14\n";

/** One test point. */
export interface TapPoint {
  /** Whether it passed (`ok`) or not (`not ok`). */
  ok: boolean;
  /** What follows the number, `#` and newlines escaped by the writer (include "- " if wanted). */
  description: string;
  /** A directive such as `SKIP reason`, written after ` # `. */
  directive?: string;
  /** YAML diagnostic lines (without the `---` and `...` markers or indentation). */
  yaml?: readonly string[];
  /** The points of a subtest, written before this point as `# Subtest: <name>`. */
  subtest?: { name: string; points: readonly TapPoint[] };
}

/** Renders point number `n` (and its subtest and diagnostics), each line after `indent`. */
export function tapPoint(n: number, point: TapPoint, indent = ""): string {
  let text = "";
  if (point.subtest) {
    const inner = `${indent}    `;
    text += `${indent}# Subtest: ${point.subtest.name}\n${
      tapPlan(point.subtest.points.length, inner)
    }`;
    text += point.subtest.points.map((p, i) => tapPoint(i + 1, p, inner)).join("");
  }
  const directive = point.directive === undefined ? "" : ` # ${point.directive}`.trimEnd();
  text += `${indent}${point.ok ? "ok" : "not ok"} ${n} ${
    tapEscape(point.description)
  }${directive}\n`;
  if (point.yaml) {
    const lines = ["---", ...point.yaml, "..."].map((line) => `${indent}  ${line}`);
    text += `${lines.join("\n")}\n`;
  }
  return text;
}

/** The plan line `1..n`. */
export function tapPlan(count: number, indent = ""): string {
  return `${indent}1..${count}\n`;
}

/** A whole TAP document: the version, every point, and the plan at the end. */
export function tapDocument(points: readonly TapPoint[]): string {
  return `${TAP_VERSION}${points.map((p, i) => tapPoint(i + 1, p)).join("")}${
    tapPlan(points.length)
  }`;
}

/** Escapes a description: `#` would start a directive, a newline would end the line. */
export function tapEscape(text: string): string {
  return text.replaceAll("\n", " ").replaceAll("#", "\\#");
}
