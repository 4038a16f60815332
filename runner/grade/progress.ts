/**
 * Live progress of a grading run on stderr: on a terminal one status line that is redrawn
 * (done, running, not graded, with the hosts in flight); otherwise one line per host as it ends.
 * @module
 */
import type { StudentHost } from "../../lib/grade/inventory.ts";
import type { HostResult } from "../../lib/grade/report.ts";
import type { CliIo } from "../cli_io.ts";

/** Progress of one grading run. */
export class GradeProgress {
  #io: CliIo;
  #total: number;
  #done = 0;
  #failed = 0;
  #running = new Set<string>();
  #started = performance.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  /** Starts reporting on `total` hosts. */
  constructor(io: CliIo, total: number) {
    this.#io = io;
    this.#total = total;
    if (io.isTTY && total > 0) {
      this.#timer = setInterval(() => this.#draw(), 250);
      this.#timer.unref?.();
    }
  }

  /** A host started. */
  started(host: StudentHost): void {
    this.#running.add(host.id);
    this.#draw();
  }

  /** A host ended. */
  finished(result: HostResult): void {
    this.#running.delete(result.id);
    this.#done++;
    if (result.status !== "graded") this.#failed++;
    const what = result.status === "graded"
      ? `${result.score}/${result.maxScore}`
      : `${result.status}: ${result.reason ?? ""}`;
    const line = `[${this.#done}/${this.#total}] ${result.id} ${what} (${
      (result.durationMs / 1000).toFixed(1)
    } s)`;
    if (this.#io.isTTY) this.#io.err(`\r\x1b[2K${line}\n`);
    else this.#io.err(`${line}\n`);
    this.#draw();
  }

  /** Clears the status line. */
  end(): void {
    if (this.#timer) clearInterval(this.#timer);
    if (this.#io.isTTY) this.#io.err("\r\x1b[2K");
  }

  /** The status line: counts and the hosts in flight. */
  status(): string {
    const seconds = Math.round((performance.now() - this.#started) / 1000);
    const running = [...this.#running];
    const names = running.slice(0, 4).join(", ") + (running.length > 4 ? ", …" : "");
    return `graded ${this.#done - this.#failed}/${this.#total} · running ${running.length}${
      names ? ` (${names})` : ""
    } · not graded ${this.#failed} · ${seconds} s`;
  }

  #draw(): void {
    if (this.#io.isTTY) this.#io.err(`\r\x1b[2K${this.status()}`);
  }
}
