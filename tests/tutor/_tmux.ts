/**
 * A real terminal for the interactive modes' tests: a tmux server of its own (a unique socket),
 * with windows 100 columns by 40 lines running plain bash, keys typed with `send-keys`, and the
 * screen read with `capture-pane`. Kill it in a `finally`.
 * @module
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

/** A tmux server with named windows. */
export class Tmux {
  /** The server's socket name (`tmux -L`). */
  readonly socket = `run-lesson-test-${randomBytes(4).toString("hex")}`;
  #env: Record<string, string | undefined>;

  /** Starts a server whose first window, `first`, runs bash in `cwd`. */
  constructor(first: string, cwd: string, env: Record<string, string | undefined>) {
    this.#env = { ...process.env, ...env, HISTFILE: "/dev/null" };
    this.#tmux(
      "new-session",
      "-d",
      "-x",
      "100",
      "-y",
      "40",
      "-s",
      "test",
      "-n",
      first,
      "-c",
      cwd,
      "bash --norc --noprofile",
    );
  }

  /** Opens another window running bash in `cwd`. */
  window(name: string, cwd: string): void {
    this.#tmux("new-window", "-d", "-t", "test", "-n", name, "-c", cwd, "bash --norc --noprofile");
  }

  /** Types a line of text and Enter. */
  type(window: string, text: string): void {
    this.#tmux("send-keys", "-t", `test:${window}`, "-l", text);
    this.#tmux("send-keys", "-t", `test:${window}`, "Enter");
  }

  /** Presses keys (tmux key names, e.g. `q`, `C-c`). */
  keys(window: string, ...keys: string[]): void {
    this.#tmux("send-keys", "-t", `test:${window}`, ...keys);
  }

  /** Resizes a window to `columns` by `rows`, as a learner dragging the terminal's edge. */
  resize(window: string, columns: number, rows: number): void {
    this.#tmux("resize-window", "-t", `test:${window}`, "-x", `${columns}`, "-y", `${rows}`);
  }

  /** The window's screen (and its scrollback), as text; lines the terminal wrapped are joined. */
  screen(window: string, scrollback = false): string {
    const args = ["capture-pane", "-p", "-J", "-t", `test:${window}`];
    if (scrollback) args.push("-S", "-");
    return this.#tmux(...args);
  }

  /** Clears the window's screen and scrollback (for a new program's screen), at a prompt. */
  async clear(window: string): Promise<void> {
    this.type(window, "clear");
    await this.waitFor(window, (s) => !s.trim().includes("\n"));
    this.#tmux("clear-history", "-t", `test:${window}`);
  }

  /**
   * Waits until the window's screen satisfies `test`; returns the screen. Throws after
   * `timeoutMs` with the screen as it was.
   */
  async waitFor(
    window: string,
    test: RegExp | ((screen: string) => boolean),
    timeoutMs = 30_000,
  ): Promise<string> {
    const ok = typeof test === "function" ? test : (s: string) => test.test(s);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen(window);
      if (ok(screen)) return screen;
      if (Date.now() > deadline) {
        throw new Error(
          `window ${window} did not show ${test} within ${timeoutMs} ms; it shows:\n${screen}`,
        );
      }
      await sleep(200);
    }
  }

  /**
   * Runs a shell command in a window and waits for it to end: it echoes a marker that the
   * typed line itself does not contain. Returns the screen.
   */
  async run(window: string, command: string, timeoutMs = 60_000): Promise<string> {
    const n = randomBytes(3).toString("hex");
    this.type(window, `${command}; echo "END""-${n}"`);
    return await this.waitFor(window, (s) => s.includes(`END-${n}`), timeoutMs);
  }

  /** Kills the server and everything running in it. */
  kill(): void {
    spawnSync("tmux", ["-L", this.socket, "kill-server"], { stdio: "ignore" });
  }

  #tmux(...args: string[]): string {
    const r = spawnSync("tmux", ["-L", this.socket, ...args], {
      encoding: "utf8",
      env: this.#env,
    });
    if (r.status !== 0) {
      throw new Error(`tmux ${args[0]} failed (exit ${r.status}): ${r.stderr || r.error}`);
    }
    return r.stdout;
  }
}
