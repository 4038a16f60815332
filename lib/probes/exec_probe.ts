/**
 * The `docker.exec` probe: a read-only command (`redis-cli get key`, `psql -c "select …"`) runs
 * in an existing container through the API exec, and its exit code and stdout are matched.
 * @module
 */
import { withExitTrailer } from "../docker/mod.ts";
import { compareExit } from "../engine/compare_exit.ts";
import { match } from "../expect/mod.ts";
import type { Expectation } from "../lesson/types.ts";
import { dockerProbe } from "./_context.ts";
import { timedOut } from "./_deadline.ts";
import { isRunning, noContainer } from "./_find.ts";
import { describeState } from "./container_probe.ts";

const KIND = "docker.exec";

/** Makes the `docker.exec` probe for one engine. */
export const execProbe = dockerProbe(
  KIND,
  async ({ docker, fields, deadline, ctx, findContainer }) => {
    const name = fields.text("container");
    const command = fields.text("command");
    const exitCode = fields.integer("exitCode", 0, 255, 0);
    const stdout = fields.raw("stdout") as Expectation | undefined;
    const container = await findContainer(name);
    if (container === undefined) return noContainer(name);
    if (!isRunning(container)) {
      const message = `container "${name}" is not running: ${describeState(container)}`;
      return { ok: false, evidence: message, message };
    }
    // The shell reports its exit status in-band, sparing a request to the engine.
    const { script, exitTrailer } = withExitTrailer(command);
    const result = await docker.exec(name, ["sh", "-c", script], {
      timeoutMs: deadline.remainingMs(),
      signal: deadline.signal,
      exitTrailer,
    });
    if (result.timedOut) throw timedOut(KIND, ctx.timeoutMs);
    const evidence = `container "${name}": $ ${command}\n${result.stdout}${result.stderr}`
      .trimEnd();
    const about = `command "${command}" in container "${name}"`;
    const exit = compareExit(exitCode, result.exitCode);
    if (!exit.ok) return { ok: false, evidence, message: `${about}: ${exit.mismatch?.message}` };
    if (stdout !== undefined) {
      const matched = match(stdout, result.stdout, { captures: ctx.captures });
      if (!matched.ok) {
        return { ok: false, evidence, message: `${about}: ${matched.mismatch?.message}` };
      }
    }
    return { ok: true, evidence };
  },
);
