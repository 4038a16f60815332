/**
 * A learner types the next command seconds after starting a service; a runner does it within
 * milliseconds. The first request the doc makes to a port that one of its `docker run -d -p`
 * containers published runs as the doc shows it (so a doc that does not say to wait is reported,
 * as the published lessons were); after it the import adds a command the doc does not show that
 * waits up to a minute for the port to answer, starting the container again if it exited (a
 * service that lost a start-up race with its database), so that the doc's later requests are
 * checked against a running service.
 * @module
 */
import { shellQuote } from "../shell_quote.ts";
import { parseDockerRun } from "./docker_line.ts";

/** The hidden command that waits for `port`, restarting `container` if it exited. */
export function waitCommand(port: number, container: string): string {
  const name = /^[\w.-]+$/.test(container) ? container : shellQuote(container);
  const loop = `until curl -s -o /dev/null http://localhost:${port}/; do ` +
    `docker start ${name} >/dev/null; sleep 1; done`;
  return `timeout 60 sh -c ${shellQuote(loop)}`;
}

/** The published ports of the containers started so far, and the ports already waited for. */
export class ServiceWaits {
  #ports = new Map<number, string>();
  #waited = new Set<number>();

  /** Notes a `docker run -d -p …` command; returns nothing. */
  started(run: string): void {
    const parsed = parseDockerRun(run);
    if (!parsed?.detached || !parsed.name) return;
    for (const port of parsed.ports) {
      this.#ports.set(port, parsed.name);
      this.#waited.delete(port);
    }
  }

  /**
   * The wait to add after `run`, when it is the first request to a published port.
   *
   * @example
   * ```ts
   * const waits = new ServiceWaits();
   * waits.started("docker run -d --name agent -p 8000:8000 ai-agent");
   * waits.after("curl http://localhost:8000/health")?.run; // timeout 60 sh -c 'until curl …'
   * ```
   */
  after(run: string): { run: string; port: number; container: string } | undefined {
    if (!/^(?:curl|wget|http)\b/.test(run.trim())) return undefined;
    const m = /(?:localhost|127\.0\.0\.1|0\.0\.0\.0):(\d+)/.exec(run);
    if (!m) return undefined;
    const port = Number(m[1]);
    const container = this.#ports.get(port);
    if (container === undefined || this.#waited.has(port)) return undefined;
    this.#waited.add(port);
    return { run: waitCommand(port, container), port, container };
  }
}
