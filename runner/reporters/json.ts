/**
 * The JSON reporter: one document, the `RunReport` schema (see README, "Reporters").
 * @module
 */
import { RunRecorder } from "../../lib/engine/run_report.ts";
import type { Reporter } from "./types.ts";

/** Yields the whole run as one JSON document at the end. */
export const json: Reporter = async function* (events) {
  const recorder = new RunRecorder();
  for await (const event of events) recorder.add(event);
  yield `${JSON.stringify(recorder.report, null, 2)}\n`;
};
