/**
 * Folds the event stream into one report value: the JSON reporter's documented schema, and the
 * model the TAP and JUnit reporters render.
 * @module
 */
import type { CheckOutcome, RunEvent, Status, Summary } from "./events.ts";

/** One command in a report. */
export interface CommandReport {
  /** The command as the doc shows it. */
  command: string;
  /** The command as it ran, after capture substitution. */
  ran: string;
  /** passed, failed, skipped or error. */
  status: Status;
  /** The exit code; null when it did not run or the session ended. */
  exitCode: number | null;
  /** What it printed on stdout (its first RUN_LESSON_MAX_OUTPUT bytes). */
  stdout: string;
  /** What it printed on stderr (its first RUN_LESSON_MAX_OUTPUT bytes). */
  stderr: string;
  /**
   * The full size in bytes of each stream that went past the output bound: `stdout` or
   * `stderr` above holds only its first part. Absent when nothing was cut.
   */
  truncated?: { stdout?: number; stderr?: number };
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Whether its time limit ended it. */
  timedOut: boolean;
  /** Whether its stop condition ended it. */
  stopped: boolean;
  /** Whether it ended the shell (`exit`); absent when it did not. */
  exitedShell?: boolean;
  /** Why it did not pass. */
  reason?: string;
  /** Each failed comparison: stream, first mismatching lines and why. */
  mismatches: Array<{ stream: string; expectedLine: number; actualLine: number; message: string }>;
}

/** One step in a report. */
export interface StepReport {
  /** The step's id. */
  id: string;
  /** The step's title. */
  title: string;
  /** The step module. */
  file: string;
  /** passed, failed, skipped or error. */
  status: Status;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Why it was skipped, when it was. */
  reason?: string;
  /** Its commands in order. */
  commands: CommandReport[];
  /** Its checks in order. */
  checks: CheckOutcome[];
}

/** A whole run: the JSON reporter's output. */
export interface RunReport {
  /** Schema version of this document. */
  schema: 1;
  /** The lesson id. */
  lesson: string;
  /** The lesson title. */
  title: string;
  /** Where it ran. */
  target: string;
  /** passed when no step failed. */
  status: "passed" | "failed";
  /** Step counts. */
  summary: Summary;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** The steps that ran or were skipped, in order. */
  steps: StepReport[];
}

/** Folds events into a report, one event at a time. */
export class RunRecorder {
  /** The report so far. */
  readonly report: RunReport = {
    schema: 1,
    lesson: "",
    title: "",
    target: "",
    status: "passed",
    summary: { passed: 0, failed: 0, skipped: 0 },
    durationMs: 0,
    steps: [],
  };
  #files = new Map<string, string>();
  #current: StepReport | undefined;

  /** Applies one event and returns the step it touched, if any. */
  add(event: RunEvent): StepReport | undefined {
    switch (event.type) {
      case "run:start":
        this.report.lesson = event.lesson;
        this.report.title = event.title;
        this.report.target = event.target;
        for (const step of event.steps) this.#files.set(step.id, step.file);
        return undefined;
      case "step:start":
        this.#current = {
          id: event.step,
          title: event.title,
          file: this.#files.get(event.step) ?? "",
          status: "passed",
          durationMs: 0,
          commands: [],
          checks: [],
        };
        this.report.steps.push(this.#current);
        return this.#current;
      case "command:end": {
        const { outcome } = event;
        const result = outcome.result;
        this.#current?.commands.push({
          command: outcome.command,
          ran: outcome.ran,
          status: outcome.status,
          exitCode: result?.exitCode ?? null,
          stdout: result?.stdout ?? "",
          stderr: result?.stderr ?? "",
          ...(result?.truncated ? { truncated: result.truncated } : {}),
          durationMs: Math.round(result?.durationMs ?? 0),
          timedOut: result?.timedOut ?? false,
          stopped: result?.stopped ?? false,
          ...(result?.exitedShell ? { exitedShell: true } : {}),
          ...(outcome.reason ? { reason: outcome.reason } : {}),
          mismatches: outcome.comparisons
            .filter((c) => !c.result.ok)
            .map((c) => ({
              stream: c.stream,
              expectedLine: c.result.mismatch?.expectedLine ?? 0,
              actualLine: c.result.mismatch?.actualLine ?? 0,
              message: c.result.mismatch?.message ?? "differs",
            })),
        });
        return this.#current;
      }
      case "check:end":
        this.#current?.checks.push(event.outcome);
        return this.#current;
      case "step:end":
        if (this.#current) {
          this.#current.status = event.status;
          this.#current.durationMs = Math.round(event.durationMs);
          if (event.reason) this.#current.reason = event.reason;
        }
        return this.#current;
      case "run:end":
        this.report.summary = event.summary;
        this.report.durationMs = Math.round(event.durationMs);
        this.report.status = event.summary.failed > 0 ? "failed" : "passed";
        return undefined;
      default:
        return undefined;
    }
  }
}
