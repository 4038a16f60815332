/**
 * A shell kept open in a kept probe container through one API exec, which runs probe scripts
 * one at a time. Each script runs in a subshell (its `exit` ends the subshell alone) with stdin
 * /dev/null, as a script of its own exec does, and is followed by an end line on stdout that
 * carries its exit status and one on stderr, behind a marker the script cannot guess. A script
 * then costs one write and its output, where an exec of its own costs two Engine calls and,
 * over SSH, a channel opened and closed: about ten times the grader's CPU (see
 * bench/grade_ops.bench.ts).
 *
 * A script reads as it would from an exec of its own: the same stdout, stderr and exit code. A
 * shell that ends under a script (a syntax error ends a non-interactive sh, as it ends `sh -s`;
 * the container was removed) gives the output so far and the exec's exit code, as an exec's
 * result does.
 * @module
 */
import type { DockerClient, ExecResult, ExecSession } from "../docker/mod.ts";
import { readExitTrailer } from "../docker/exec.ts";
import { newMarker } from "../docker/_exec_api.ts";

/** One kept shell in a probe container. */
export class ProbeShell {
  /** The container it runs in. */
  readonly container: string;
  #session: ExecSession;
  #busy = false;
  #alive = true;

  private constructor(container: string, session: ExecSession) {
    this.container = container;
    this.#session = session;
    session.ended().then(() => (this.#alive = false));
  }

  /** Opens a shell in the container: one exec of `sh`, its stdin kept open. */
  static async open(docker: DockerClient, container: string): Promise<ProbeShell> {
    return new ProbeShell(container, await docker.openExec(container, ["sh"]));
  }

  /** Whether it can take a script now: alive, and running none. */
  get idle(): boolean {
    return this.#alive && !this.#busy;
  }

  /** Whether its shell still runs. */
  get alive(): boolean {
    return this.#alive;
  }

  /** Runs one script; only while {@link idle}. */
  async run(script: string): Promise<ExecResult> {
    if (!this.idle) throw new Error(`The probe shell in "${this.container}" is not idle`);
    this.#busy = true;
    const started = performance.now();
    const marker = `__rl_end_${newMarker()}`;
    const output = { stdout: "", stderr: "" };
    // Complete once each stream ends with its end line, `\n<marker> <status>\n`: only the
    // tail is read, so that a long output costs no more than its length.
    const endLine = new RegExp(`\\n${marker} \\d{1,3}\\n$`);
    const complete = (text: string) => endLine.test(text.slice(-(marker.length + 6)));
    let unsubscribe = () => {};
    const done = new Promise<boolean>((resolve) => {
      unsubscribe = this.#session.onData((text, stream) => {
        output[stream] += text;
        if (complete(output.stdout) && complete(output.stderr)) resolve(true);
      });
      this.#session.ended().then(() => resolve(false));
    });
    this.#session.write(
      `(\n${script}\n) </dev/null\nprintf '\\n%s %s\\n' ${marker} "$?"; ` +
        `printf '\\n%s 0\\n' ${marker} >&2\n`,
    );
    const finished = await done;
    unsubscribe();
    const stdout = readExitTrailer(output.stdout, marker);
    const stderr = readExitTrailer(output.stderr, marker);
    if (finished) this.#busy = false;
    const exitCode = finished && stdout.exitCode !== undefined
      ? stdout.exitCode
      : await this.#session.exitCode().catch(() => null);
    return {
      stdout: stdout.stdout,
      stderr: stderr.stdout,
      exitCode,
      durationMs: performance.now() - started,
      timedOut: false,
    };
  }

  /**
   * Ends an idle shell: it exits at once, and the engine ends its exec and stream. A busy one is
   * left to end with its container, which is what ends a script that ran out of time.
   */
  exit(): void {
    if (!this.idle) return;
    this.#alive = false;
    this.#session.write("exit 0\n");
  }
}
