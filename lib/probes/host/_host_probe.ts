/**
 * What every host probe shares: its fields read with captures substituted, one round trip of a
 * small read-only POSIX sh script through the target's shell, and the three endings of a probe.
 * A state that differs from the check's is a fail naming what was expected and what was found;
 * a probe that cannot tell (a tool missing on the host, permission denied, output it cannot
 * read) throws a {@link HostProbeCannotTell}, which the check reports as `error` with its
 * evidence, never as pass or fail.
 * @module
 */
import type { ProbeContext, ProbeRunner } from "../../engine/run_check.ts";
import type { ProbeResult } from "../../lesson/types.ts";
import { shellQuote } from "../../shell_quote.ts";
import { ProbeFields } from "../_context.ts";
import { timedOut } from "../_deadline.ts";
import { parseSections, scriptPrelude, type Section, sectionToken } from "./_sections.ts";

/** A probe that cannot tell whether the state is as required; the check ends `error`. */
export class HostProbeCannotTell extends Error {
  /** What the probe read before it gave up, for the report. */
  evidence: string;

  /** Creates the error; `message` says why the probe cannot tell. */
  constructor(message: string, evidence = "") {
    super(message);
    this.name = "HostProbeCannotTell";
    this.evidence = evidence;
  }
}

/** What a script printed, by section. */
export interface ScriptOutput {
  /** The sections by name. */
  sections: Map<string, Section>;
  /** The script's stderr (its own errors, outside any section). */
  stderr: string;
  /** A section that must be there; its absence means the script did not run as written. */
  section(name: string): Section;
}

/** What the body of a host probe receives. */
export interface HostProbeScope {
  /** The check's probe fields. */
  fields: ProbeFields;
  /** The check's context (target, captures, time limit). */
  ctx: ProbeContext;
  /** Runs one read-only script (after the section prelude) on the target with `/bin/sh`. */
  script(body: string): Promise<ScriptOutput>;
  /** Ends the probe as `error`: it cannot tell, for the reason given. */
  cannotTell(reason: string, evidence?: string): never;
}

/**
 * Defines a host probe: the body reads the fields, runs its script and returns a verdict.
 *
 * @example
 * ```ts
 * export const groupProbe = hostProbe("group", async ({ fields, script }) => {
 *   const out = await script(`out group getent group ${shellQuote(fields.text("name"))}`);
 *   return { ok: out.section("group").rc === 0, evidence: out.section("group").text };
 * });
 * ```
 */
export function hostProbe(
  kind: string,
  body: (scope: HostProbeScope) => Promise<ProbeResult>,
): ProbeRunner {
  return (probe, ctx) => {
    const fields = new ProbeFields(probe, ctx);
    const cannotTell = (reason: string, evidence = ""): never => {
      throw new HostProbeCannotTell(`probe "${kind}" cannot tell: ${reason}`, evidence);
    };
    const script = async (text: string): Promise<ScriptOutput> => {
      const token = sectionToken();
      const command = `LC_ALL=C /bin/sh -c ${shellQuote(scriptPrelude(token) + text)}`;
      const result = await ctx.target.run(command, { timeoutMs: ctx.timeoutMs });
      if (result.timedOut) throw timedOut(kind, ctx.timeoutMs);
      if (result.exitCode === null) {
        return cannotTell(`the target's shell ended during the probe: ${result.stderr.trim()}`);
      }
      const sections = parseSections(result.stdout, token);
      return {
        sections,
        stderr: result.stderr,
        section(name) {
          const found = sections.get(name);
          if (found !== undefined) return found;
          const said = `${result.stdout}${result.stderr}`.trim().slice(0, 300);
          return cannotTell(
            `the host's /bin/sh did not run the probe's script (exit ${result.exitCode}): ${
              said || "no output"
            }`,
          );
        },
      };
    };
    return body({ fields, ctx, script, cannotTell });
  };
}

/** A list of differences between the state found and the state required. */
export class Findings {
  /** What differs, each as `<what> is <found>, expected <wanted>`. */
  readonly problems: string[] = [];
  /** Fields the probe could not read, each with the reason. */
  readonly unknown: string[] = [];

  /** Notes a difference when `wanted` is given and differs from `found`. */
  compare(what: string, wanted: unknown, found: unknown): void {
    if (wanted === undefined || wanted === found) return;
    this.problems.push(`${what} is ${show(found)}, expected ${show(wanted)}`);
  }

  /** Notes a difference in words. */
  add(problem: string): void {
    this.problems.push(problem);
  }

  /** Notes a field the probe could not read. */
  cannotRead(reason: string): void {
    this.unknown.push(reason);
  }

  /**
   * The verdict about `subject`: fail when anything differs (a definite difference decides even
   * if another field could not be read), error when a field could not be read, else pass.
   */
  verdict(kind: string, subject: string, evidence: string): ProbeResult {
    if (this.problems.length > 0) {
      const also = this.unknown.length > 0 ? `; and cannot tell: ${this.unknown.join("; ")}` : "";
      return { ok: false, evidence, message: `${subject}: ${this.problems.join("; ")}${also}` };
    }
    if (this.unknown.length > 0) {
      throw new HostProbeCannotTell(
        `probe "${kind}" cannot tell: ${subject}: ${this.unknown.join("; ")}`,
        evidence,
      );
    }
    return { ok: true, evidence };
  }
}

/** A value quoted for a message: strings in double quotes, the rest as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  return typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? "nothing";
}

/** The first `chars` characters of a text, marked when cut. */
export function excerpt(text: string, chars = 500): string {
  return text.length > chars ? `${text.slice(0, chars)}…` : text;
}
