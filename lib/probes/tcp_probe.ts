/**
 * The `docker.tcp` probe: from a throwaway container on a network, busybox `nc` tries to connect
 * to a host and port. Alpine's busybox has `nc -z`; builds without it (Debian's) connect with
 * stdin at end of file instead, which closes at once just the same.
 * @module
 */
import type { ProbeRunner } from "../engine/run_check.ts";
import { networkMissing } from "./_find.ts";
import { dockerOf, ProbeFields, probePoolOf, runIdOf, withDeadline } from "./_context.ts";
import { DEFAULT_PROBE_IMAGE, quote, runProbeScript } from "./_probe_container.ts";

const KIND = "docker.tcp";

/** Seconds `nc` waits for a connection. */
const CONNECT_SECONDS = 2;

/** Runs a `docker.tcp` probe. */
export const tcpProbe: ProbeRunner = (probe, ctx) =>
  withDeadline(KIND, ctx.timeoutMs, async (deadline) => {
    const docker = dockerOf(ctx, KIND);
    const fields = new ProbeFields(probe, ctx);
    const host = fields.text("host");
    const port = fields.integer("port", 1, 65535);
    const network = fields.text("network");
    const open = fields.flag("open", true);
    const image = fields.optionalText("image") ?? DEFAULT_PROBE_IMAGE;
    const target = `${quote(host)} ${port}`;
    const missing = await networkMissing(docker, network, deadline.signal);
    if (missing) return missing;
    const result = await runProbeScript(docker, {
      kind: KIND,
      network,
      image,
      runId: runIdOf(ctx),
      pool: probePoolOf(ctx),
      script: [
        `out=$(nc -z -w ${CONNECT_SECONDS} ${target} 2>&1); rc=$?`,
        'case "$out" in *"invalid option"*|*"unrecognized option"*|*"illegal option"*)',
        `  out=$(nc -w ${CONNECT_SECONDS} ${target} 2>&1 >/dev/null); rc=$? ;;`,
        "esac",
        'printf "%s\\n" "$out"',
        "exit $rc",
      ].join("\n"),
      deadline,
      timeoutMs: ctx.timeoutMs,
    });
    const output = (result.stdout + result.stderr).trim();
    if (result.exitCode === 126 || result.exitCode === 127) {
      throw new Error(`probe "${KIND}" cannot run nc in image "${image}": ${output}`);
    }
    const subject = `port ${port} on "${host}"`;
    const from = `from network "${network}"`;
    if (result.exitCode === 0) {
      const evidence = `${subject} is open ${from}`;
      return open
        ? { ok: true, evidence }
        : { ok: false, evidence, message: `${evidence}, but it should not be` };
    }
    const evidence = `${subject} is not open ${from}: ${whyClosed(output, host, result.exitCode)}`;
    return open ? { ok: false, evidence, message: evidence } : { ok: true, evidence };
  });

/** Says in plain words why `nc` could not connect. */
function whyClosed(output: string, host: string, exitCode: number | null): string {
  if (/bad address|can't resolve|not known|unknown host/i.test(output)) {
    return `cannot resolve "${host}"`;
  }
  if (/refused/i.test(output)) return "connection refused";
  if (/timed out/i.test(output)) return `no answer within ${CONNECT_SECONDS} s`;
  if (/no route|unreachable/i.test(output)) return "no route to host";
  return output.split("\n")[0] || `nc exited with ${exitCode}`;
}
