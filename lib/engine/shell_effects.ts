/**
 * What a lesson's commands do to the shell beyond their output: ending it (`exit 3`), and
 * leaving background jobs running after the step. Each is fine when the lesson declares it
 * (`exitsShell` on the command, `background` on the step) and a one-line failure otherwise.
 * @module
 */
import type { Command, Step } from "../lesson/types.ts";
import { type BackgroundJob, describeJobs, listJobs } from "../target/background_jobs.ts";
import { SESSION_SHELLS } from "../target/shell_framing.ts";
import type { CommandResult, Target } from "../target/types.ts";

/** Why a command's effect on the shell differs from what it declares; undefined when it does not. */
export function shellExitProblem(command: Command, result: CommandResult): string | undefined {
  if (result.stopped || result.timedOut) return undefined;
  if (result.exitedShell && !command.exitsShell) {
    return `the command exited the shell (exit status ${result.exitCode ?? "unknown"}), so the ` +
      "next command runs in a new shell without its folder and variables; declare " +
      "exitsShell: true if the lesson means it";
  }
  if (!result.exitedShell && command.exitsShell) {
    return "expected the command to exit the shell (exitsShell: true), but the shell is still running";
  }
  return undefined;
}

/**
 * Watches a target for background jobs step by step: each step's new jobs are reported once,
 * at the end of that step, unless the step declares them.
 */
export class BackgroundWatch {
  #target: Target;
  #seen = new Set<number>();

  /** Watches `target`; one that cannot list its jobs reports none. */
  constructor(target: Target) {
    this.#target = target;
  }

  /**
   * The jobs that appeared during the step and are still running, and why they fail the step
   * (undefined when there are none, or the step declares `background: true`).
   */
  async afterStep(step: Step): Promise<{ jobs: BackgroundJob[]; problem?: string }> {
    let jobs: BackgroundJob[];
    try {
      // A job forked an instant ago may not have run its program yet, and shows the shell's own
      // command line, or a launcher's (`nohup`) before it execs the program: list again, a few
      // times, while one shows the shell (a subshell job shows it for good) or the list is not
      // the same twice in a row. A step that leaves no job is listed once.
      let previous = "";
      jobs = await listJobs(() => this.#newJobs(), (listed) => {
        const now = listed.map((job) => `${job.pgid} ${job.command}`).join("\n");
        const moved = now !== previous;
        previous = now;
        return listed.some(_forking) || (listed.length > 0 && moved);
      });
    } catch {
      return { jobs: [] };
    }
    for (const job of jobs) this.#seen.add(job.pgid);
    if (jobs.length === 0 || step.background) return { jobs };
    const count = jobs.length === 1 ? "1 background job" : `${jobs.length} background jobs`;
    return {
      jobs,
      problem: `left ${count} running: ${describeJobs(jobs)}; killed at the end of the run ` +
        "(declare background: true on the step if the lesson means it)",
    };
  }

  /** The jobs running now that no earlier step left. */
  async #newJobs(): Promise<BackgroundJob[]> {
    const all = (await this.#target.backgroundJobs?.()) ?? [];
    return all.filter((job) => !this.#seen.has(job.pgid));
  }
}

/** Whether a job still shows the session's shell, as a fork does before it runs its program. */
function _forking(job: BackgroundJob): boolean {
  return (SESSION_SHELLS as readonly string[]).includes(job.command);
}
