/**
 * The shells kept in one probe container (see _probe_shell.ts), and which one runs a script: an
 * idle one; else, while others are busy or opening, the first to come free within a short wait;
 * else a new one. A probe script mostly ends within milliseconds, and a new shell costs an exec:
 * an Engine call and a stream (over SSH a channel opened and closed, about five milliseconds of
 * the grader's CPU) and, on a busy engine, 100 ms or more before it runs anything. So two
 * probes that start together on one network share a shell when the first script is quick, and
 * a slow or stuck script never holds up the next one for longer than the wait. The wait counts
 * from the latest script's start: a shell still opening is waited for (another would take as
 * long), and its opening time is not held against the script it then runs.
 * @module
 */
import type { DockerClient, ExecResult } from "../docker/mod.ts";
import { until } from "./_probe_container.ts";
import { ProbeShell } from "./_probe_shell.ts";

/** How long a script waits for a busy shell before a new one is opened for it. */
export const SHELL_WAIT_MS = 150;

/** The shells of one kept probe container. */
export class KeptShells {
  #shells: ProbeShell[] = [];
  #opening = 0;
  /** When a shell last started a script (performance.now()). */
  #lastBegin = 0;
  #waitMs: number;
  /** Called when a script ends or a shell opens, so that a script waiting for one looks again. */
  #freed: Array<() => void> = [];

  /** Shells that a script waits for up to `waitMs` after the latest script's start. */
  constructor(waitMs: number = SHELL_WAIT_MS) {
    this.#waitMs = waitMs;
  }

  /**
   * Runs the script in a shell of container `name`. No time limit on the script itself: when
   * `signal` aborts, this rejects with `late()` and the shell stays busy until the container is
   * removed, which ends the script.
   */
  async run(
    docker: DockerClient,
    name: string,
    script: string,
    signal: AbortSignal,
    late: () => Error,
  ): Promise<ExecResult> {
    let started = this.#start(name, script);
    // Counted before any await: a script that comes at the same instant waits for this shell.
    if (started === undefined && (this.#shells.length > 0 || this.#opening > 0)) {
      started = await this.#startSoon(name, script, signal);
    }
    if (started === undefined) {
      if (signal.aborted) throw late();
      const opening = ProbeShell.open(docker, name);
      this.#opening++;
      let shell: ProbeShell;
      try {
        shell = await until(opening, signal, late);
      } catch (error) {
        opening.then((s) => s.exit(), () => {});
        throw error;
      } finally {
        this.#opening--;
        // Scripts waiting for this shell look again: at its first script, or at none.
        queueMicrotask(() => this.#wake());
      }
      this.#shells.push(shell);
      started = this.#begin(shell, script);
    }
    return await until(started.run, signal, late);
  }

  /** Ends the idle shells; a busy one ends with its container. */
  exitIdle(): void {
    for (const shell of this.#shells) shell.exit();
  }

  /**
   * Starts the script in an idle shell, if there is one; in the same tick as the look, so that no
   * other script takes that shell meanwhile.
   */
  #start(name: string, script: string): _Started | undefined {
    this.#shells = this.#shells.filter((s) => s.alive && s.container === name);
    const shell = this.#shells.find((s) => s.idle);
    return shell && this.#begin(shell, script);
  }

  /** Runs the script in the shell; the scripts waiting for a shell look again when it ends. */
  #begin(shell: ProbeShell, script: string): _Started {
    this.#lastBegin = performance.now();
    const run = shell.run(script);
    run.then(() => {}, () => {}).finally(() => this.#wake());
    return { run };
  }

  #wake(): void {
    this.#freed.splice(0).forEach((look) => look());
  }

  /**
   * Starts the script in the first shell to come free: while one is opening, or within the wait
   * after the latest script's start.
   */
  async #startSoon(
    name: string,
    script: string,
    signal: AbortSignal,
  ): Promise<_Started | undefined> {
    const since = performance.now();
    while (this.#shells.length > 0 || this.#opening > 0) {
      const left = Math.max(since, this.#lastBegin) + this.#waitMs - performance.now();
      if ((left <= 0 && this.#opening === 0) || signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const look = () => {
          clearTimeout(timer);
          signal.removeEventListener("abort", look);
          const at = this.#freed.indexOf(look);
          if (at !== -1) this.#freed.splice(at, 1);
          resolve();
        };
        // While a shell opens and the wait is over, the opening or the deadline ends the wait.
        const timer = left > 0 ? setTimeout(look, left) : undefined;
        signal.addEventListener("abort", look, { once: true });
        this.#freed.push(look);
      });
      const started = this.#start(name, script);
      if (started !== undefined) return started;
    }
    return undefined;
  }
}

/** A script started in a shell (in an object, so that awaiting it does not wait for the run). */
interface _Started {
  run: Promise<ExecResult>;
}
