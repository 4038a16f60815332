/**
 * A run's output shown with the doc's values: a command block the update writes gets an Output
 * block from this run, but the doc's other blocks show the values of an earlier run.
 * @module
 */
import type { Command } from "../lesson/types.ts";
import { match } from "../expect/mod.ts";
import type { Capture } from "../expect/types.ts";
import { bindUnbound } from "./_rebind.ts";

/**
 * `real` (the normalised output of `command` on `stream`) with each capture value this run
 * printed replaced by the value the doc shows for that capture, so that the updated doc agrees
 * with itself and a second update changes nothing. When the result would not satisfy the
 * command's expectation with the doc's values, `real` as it is.
 */
export function withDocValues(
  real: string,
  command: Command,
  stream: "stdout" | "stderr",
  doc: Readonly<Record<string, Capture>>,
  types: Readonly<Record<string, string>>,
): string {
  const expectation = command[stream];
  if (expectation === undefined || Object.keys(doc).length === 0) return real;
  const printed = match(bindUnbound(expectation, {}, types), real);
  if (!printed.ok) return real;
  const swaps = Object.entries(printed.captures)
    .filter(([name, c]) =>
      c.value !== "" && Object.hasOwn(doc, name) && doc[name].value !== c.value
    )
    .map(([name, c]) => [c.value, doc[name].value] as const)
    .sort((a, b) => b[0].length - a[0].length);
  if (swaps.length === 0) return real;
  let text = real;
  for (const [from, to] of swaps) text = text.replaceAll(from, to);
  const shown = match(bindUnbound(expectation, doc, types), text, { captures: doc });
  return shown.ok ? text : real;
}
