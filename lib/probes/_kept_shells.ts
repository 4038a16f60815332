/**
 * The shells kept in one probe container (see _probe_shell.ts), and which one runs a script: an
 * idle one; else, while others are busy or opening, the first to come free within a short wait;
 * else a new one. A probe script mostly ends within milliseconds, and a new shell costs an exec:
 * an Engine call and a stream (over SSH a channel opened and closed, about five milliseconds of
 * the grader's CPU) and, on a busy engine, 100 ms or more before it runs anything. So two
 * probes that start together on one network share a shell when the first script is quick, and
 * a slow or stuck script never holds up the next one for longer than the wait.
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
  /** Called when a script ends, so that a script waiting for a shell looks again. */
  #freed: Array<() => void> = [];

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
    const run = shell.run(script);
    run.then(() => {}, () => {}).finally(() => this.#freed.splice(0).forEach((look) => look()));
    return { run };
  }

  /** Starts the script in the first shell to come free within {@link SHELL_WAIT_MS}. */
  async #startSoon(
    name: string,
    script: string,
    signal: AbortSignal,
  ): Promise<_Started | undefined> {
    const end = performance.now() + SHELL_WAIT_MS;
    while (this.#shells.length > 0 || this.#opening > 0) {
      const left = end - performance.now();
      if (left <= 0 || signal.aborted) return undefined;
      await new Promise<void>((resolve) => {
        const look = () => {
          clearTimeout(timer);
          const at = this.#freed.indexOf(look);
          if (at !== -1) this.#freed.splice(at, 1);
          resolve();
        };
        const timer = setTimeout(look, left);
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
