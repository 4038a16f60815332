/**
 * Grading a class: the lesson's read-only checks on every student host over SSH, a bounded
 * number at a time. Each host is isolated: whatever happens on one (unreachable, refused host
 * key, failed login, time limit, a crash in a probe) is that host's outcome and no other's.
 * @module
 */
import { DockerError } from "../../lib/docker/mod.ts";
import { notRunOutcome, runCheck } from "../../lib/engine/run_check.ts";
import { runChecks } from "../../lib/engine/run_checks.ts";
import type { SelectedChecks } from "../../lib/engine/select_checks.ts";
import type { Capture } from "../../lib/expect/types.ts";
import type { StudentHost } from "../../lib/grade/inventory.ts";
import {
  gradedHost,
  type HostResult,
  type HostStatus,
  ungradedHost,
} from "../../lib/grade/report.ts";
import { lessonChecks } from "../../lib/lesson/load.ts";
import type { Lesson } from "../../lib/lesson/types.ts";
import { formatSshAddress } from "../../lib/ssh/ssh_url.ts";
import { SshError } from "../../lib/ssh/ssh_error.ts";
import { TargetError } from "../../lib/target/types.ts";
import type { CliIo } from "../cli_io.ts";
import { type PreparedTarget, targetFor } from "../targets.ts";

/** Options for {@link gradeClass}. */
export interface GradeClassOptions {
  /** The lesson whose checks are run. */
  lesson: Lesson;
  /**
   * The checks to score and the checks to run for them (`selectChecks`, for --step and
   * --upto); every check of the lesson when absent.
   */
  checks?: SelectedChecks;
  /** The hosts, in inventory order. */
  hosts: StudentHost[];
  /** How many hosts are graded at once. */
  jobs: number;
  /** Time limit per probe. */
  checkTimeoutMs: number;
  /** How many checks of one host run at once (default {@link CHECK_JOBS}). */
  checkJobs?: number;
  /** Time limit per host: connecting and every check. */
  hostTimeoutMs: number;
  /** known_hosts files for hosts without a pinned key. */
  knownHostsFiles?: string[];
  /** Trust host keys seen for the first time (recorded in the first known_hosts file). */
  acceptNewHostKeys?: boolean;
  /** Keep the probes' evidence in the results (it can show the grader's commands). */
  keepEvidence?: boolean;
  /** Opens a host; SSH with the lesson's read-only target by default. */
  open?: (host: StudentHost, timeoutMs: number) => Promise<PreparedTarget>;
  /** Stops starting hosts and ends the running ones; their results are not reported. */
  signal?: AbortSignal;
  /** Told when a host starts. */
  onStart?: (host: StudentHost) => void;
  /** Told when a host is done; awaited before the next host starts in its slot. */
  onDone?: (result: HostResult) => void | Promise<void>;
}

/** What grading produced: results in inventory order, and hosts an interrupt left ungraded. */
export interface GradeClassResult {
  /** One result per finished host, in inventory order. */
  results: HostResult[];
  /** Hosts not graded because grading was interrupted. */
  interrupted: StudentHost[];
}

/** Grades every host, at most `jobs` at a time. Never rejects because of one host. */
export async function gradeClass(options: GradeClassOptions): Promise<GradeClassResult> {
  const finished = new Map<StudentHost, HostResult>();
  let next = 0;
  const worker = async () => {
    while (next < options.hosts.length && !options.signal?.aborted) {
      const host = options.hosts[next++];
      options.onStart?.(host);
      const result = await gradeHost(host, options);
      if (result === undefined) continue;
      finished.set(host, result);
      await options.onDone?.(result);
    }
  };
  const jobs = Math.max(1, Math.min(options.jobs, options.hosts.length));
  await Promise.all(Array.from({ length: jobs }, worker));
  return {
    results: options.hosts.flatMap((h) => finished.get(h) ?? []),
    interrupted: options.hosts.filter((h) => !finished.has(h)),
  };
}

/** Grades one host; resolves with undefined when interrupted. */
export async function gradeHost(
  host: StudentHost,
  options: GradeClassOptions,
): Promise<HostResult | undefined> {
  const all = lessonChecks(options.lesson);
  const { scored: checks, run: toRun } = options.checks ?? { scored: all, run: all };
  const scored = new Set(checks.map((check) => check.id));
  const started = { at: new Date(), ms: performance.now() };
  const deadline = started.ms + options.hostTimeoutMs;
  const open = options.open ?? ((h, ms) => openSsh(options, h, ms));
  let prepared: PreparedTarget;
  try {
    prepared = await _within(open(host, options.hostTimeoutMs), options.hostTimeoutMs, (late) => {
      late.finish().catch(() => {});
    });
  } catch (error) {
    const { status, reason } = classify(error, options.hostTimeoutMs);
    return ungradedHost(host, checks, status, reason, started);
  }
  // Ctrl-C ends the host's connection at once (its probe containers are removed first).
  let finishing: Promise<void> | undefined;
  // Ending a host (probe containers removed, connection closed) is bounded too: a host whose
  // engine stops answering must not hold up the class.
  const finish = () => (finishing ??= Promise.race([
    prepared.finish().catch(() => {}),
    new Promise<void>((resolve) => setTimeout(resolve, FINISH_LIMIT_MS).unref?.()),
  ]));
  const onAbort = () => void finish();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const late = `the host's time limit (${
      options.hostTimeoutMs / 1000
    } s) passed before this check ran`;
    // Checks only read, so they run side by side; a negative check waits for its control, a
    // check that uses a capture an earlier check finds waits for that check.
    const found: Record<string, Capture> = {};
    const outcomes = await runChecks(toRun, {
      concurrency: options.checkJobs ?? CHECK_JOBS,
      run: (check, results) => {
        const left = deadline - performance.now();
        // Timers have millisecond resolution and may fire a fraction early: less than 1 ms left
        // is no time at all, or the next check would race a deadline that has in fact passed.
        if (left < 1 || options.signal?.aborted) {
          return Promise.resolve(notRunOutcome(check, "timeout", late));
        }
        return runCheck(check, {
          target: prepared.target,
          probes: prepared.probes,
          captures: found,
          binds: found,
          results,
          timeoutMs: Math.min(options.checkTimeoutMs, left),
        });
      },
    });
    if (options.signal?.aborted) return undefined;
    return gradedHost(
      host,
      // The checks run only for what the scored ones need (a control, a found capture) count
      // for nothing.
      outcomes.filter((outcome) => scored.has(outcome.id)),
      started,
      options.keepEvidence === true,
      checks,
    );
  } catch (error) {
    if (options.signal?.aborted) return undefined;
    // Only a bug gets here (runCheck scores what it can); the host still fails closed.
    const { status, reason } = classify(error, options.hostTimeoutMs);
    return ungradedHost(host, checks, status, reason, started);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    await finish();
  }
}

/** Opens a host over SSH as the lesson's read-only target; only probe containers come and go. */
export function openSsh(
  options: Pick<GradeClassOptions, "lesson" | "knownHostsFiles" | "acceptNewHostKeys">,
  host: StudentHost,
  timeoutMs: number,
): Promise<PreparedTarget> {
  const address = formatSshAddress({
    user: encodeURIComponent(host.user),
    host: host.host,
    port: host.port,
  });
  return targetFor(options.lesson, {
    ssh: `ssh://${address}`,
    sshOptions: {
      ...(host.identityFile ? { identityFile: host.identityFile } : {}),
      ...(host.hostKey ? { pinnedHostKey: host.hostKey } : {}),
      ...(options.knownHostsFiles ? { knownHostsFiles: options.knownHostsFiles } : {}),
      acceptNewHostKeys: options.acceptNewHostKeys === true,
      readyTimeoutMs: Math.min(20_000, timeoutMs),
      // Secrets come from the environment only: grading never prompts.
      prompt: undefined,
    },
    offline: true,
    keep: false,
    readOnly: true,
  }, _quietIo);
}

/** Maps why a host could not be graded to its status and a one-line reason. */
export function classify(error: unknown, hostTimeoutMs: number): {
  status: Exclude<HostStatus, "graded">;
  reason: string;
} {
  const message = (error as Error)?.message ?? String(error);
  if (error instanceof _HostTimeout) {
    return { status: "timeout", reason: `not done within ${hostTimeoutMs / 1000} s` };
  }
  if (error instanceof SshError) {
    const status = error.kind === "hostkey-changed"
      ? "hostkey-mismatch"
      : error.kind === "hostkey-unknown"
      ? "hostkey-unknown"
      : error.kind;
    return { status, reason: message };
  }
  if (error instanceof TargetError) return { status: "unreachable", reason: message };
  if (error instanceof DockerError) return { status: "error", reason: message };
  return { status: "error", reason: `grader error: ${message}` };
}

class _HostTimeout extends Error {}

/**
 * How many checks of one host run at once by default: enough that a host's slow checks (those
 * with a probe container) overlap, few enough that a class of hosts does not flood the grader
 * with SSH channels.
 */
export const CHECK_JOBS = 4;

/** How long ending one host may take. */
const FINISH_LIMIT_MS = 30_000;

/** Resolves with the promise or rejects with _HostTimeout; a late value goes to `late`. */
function _within<T>(promise: Promise<T>, ms: number, late: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new _HostTimeout());
    }, ms);
    promise.then((value) => {
      clearTimeout(timer);
      if (done) late(value);
      else resolve(value);
    }, (error) => {
      clearTimeout(timer);
      if (!done) reject(error);
    });
  });
}

const _quietIo: CliIo = { out: () => {}, err: () => {}, isTTY: false, env: {} };
