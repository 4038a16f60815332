/**
 * The `docker.tcp` probe: from a throwaway container on a network, busybox `nc` tries to connect
 * to a host and port. Alpine's busybox has `nc -z`; builds without it (Debian's) connect with
 * stdin at end of file instead, which closes at once just the same.
 * @module
 */
import { networkMissing } from "./_find.ts";
import { dockerProbe } from "./_context.ts";
import { shellQuote } from "../shell_quote.ts";

const KIND = "docker.tcp";

/** Seconds `nc` waits for a connection. */
const CONNECT_SECONDS = 2;

/** Makes the `docker.tcp` probe for one engine. */
export const tcpProbe = dockerProbe(
  KIND,
  async ({ fields, image, runScript, findNetwork }) => {
    const host = fields.text("host");
    const port = fields.integer("port", 1, 65535);
    const network = fields.text("network");
    const open = fields.flag("open", true);
    const target = `${shellQuote(host)} ${port}`;
    const missing = await networkMissing(findNetwork, network);
    if (missing) return missing;
    const result = await runScript(
      network,
      [
        `out=$(nc -z -w ${CONNECT_SECONDS} ${target} 2>&1); rc=$?`,
        'case "$out" in *"invalid option"*|*"unrecognized option"*|*"illegal option"*)',
        `  out=$(nc -w ${CONNECT_SECONDS} ${target} 2>&1 >/dev/null); rc=$? ;;`,
        "esac",
        'printf "%s\\n" "$out"',
        "exit $rc",
      ].join("\n"),
    );
    const output = (result.stdout + result.stderr).trim();
    if (result.exitCode === 126 || result.exitCode === 127) {
      throw new Error(`probe "${KIND}" cannot run nc in image "${image()}": ${output}`);
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
  },
);

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
