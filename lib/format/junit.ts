/**
 * The one JUnit XML writer: test suites of test cases, as CI servers read them. The run reporter
 * and the grade export describe their results in these shapes; this file owns the markup.
 * @module
 */
import { xmlEscape } from "./xml.ts";

/** Attributes in the order they are written; undefined ones are left out. */
export type XmlAttributes = ReadonlyArray<readonly [string, string | number | undefined]>;

/** Why a test case did not pass. */
export interface JUnitOutcome {
  /** The element: `failure`, `error` or `skipped`. */
  tag: "failure" | "error" | "skipped";
  /** Its attributes (`message`, `type`). */
  attributes: XmlAttributes;
  /** Its text (details); absent for an empty element. */
  text?: string;
}

/** One test case. */
export interface JUnitCase {
  /** Its attributes (`classname`, `name`, `file`, `time`). */
  attributes: XmlAttributes;
  /** Why it did not pass; absent when it passed. */
  outcome?: JUnitOutcome;
}

/** One test suite. */
export interface JUnitSuite {
  /** Its attributes (`name`, `tests`, `failures`, …). */
  attributes: XmlAttributes;
  /** `<property>` name-value pairs, written on one line; none when absent. */
  properties?: ReadonlyArray<readonly [string, string]>;
  /** Its test cases. */
  cases: readonly JUnitCase[];
}

/** A whole JUnit document: `<testsuites>` and its suites. */
export interface JUnitDocument {
  /** The attributes of `<testsuites>`. */
  attributes: XmlAttributes;
  /** The suites. */
  suites: readonly JUnitSuite[];
}

/** Renders a JUnit XML document, ending with a newline. */
export function junitXml(doc: JUnitDocument): string {
  const suites = doc.suites.map(_suite).join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${
    xmlAttributes(doc.attributes)
  }>\n${suites}\n</testsuites>\n`;
}

/** Seconds with three decimals, as JUnit's `time` attributes take them. */
export function junitSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Renders attributes as ` name="value"` pairs, escaped, in order. */
export function xmlAttributes(attributes: XmlAttributes): string {
  return attributes.filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${xmlEscape(String(value))}"`).join("");
}

function _suite(suite: JUnitSuite): string {
  const lines = [`  <testsuite${xmlAttributes(suite.attributes)}>`];
  if (suite.properties) {
    lines.push(
      `    <properties>${
        suite.properties.map(([name, value]) =>
          `<property${xmlAttributes([["name", name], ["value", value]])}/>`
        ).join("")
      }</properties>`,
    );
  }
  lines.push(...suite.cases.map(_case), "  </testsuite>");
  return lines.join("\n");
}

function _case(testCase: JUnitCase): string {
  const open = `    <testcase${xmlAttributes(testCase.attributes)}`;
  const outcome = testCase.outcome;
  if (!outcome) return `${open}/>`;
  const attributes = xmlAttributes(outcome.attributes);
  const element = outcome.text === undefined
    ? `<${outcome.tag}${attributes}/>`
    : `<${outcome.tag}${attributes}>${xmlEscape(outcome.text)}</${outcome.tag}>`;
  return `${open}>\n      ${element}\n    </testcase>`;
}
