/**
 * The `port` probe: whether a TCP or UDP port is listened on on the target host, on which
 * address and by which process, read with `ss -lnp` or, where the host has no `ss`, from
 * /proc/net and /proc/PID/fd. The process holding a socket shows only where the probe may see
 * it (root, or the socket's own user); when it cannot, that field ends `error`.
 * @module
 */
import { Findings, hostProbe } from "./_host_probe.ts";
import {
  type Listener,
  parseComms,
  parseFdListing,
  parseProcNet,
  parseSs,
  sameAddress,
} from "./_sockets.ts";

const KIND = "port";

/** The script: `ss` when there is one, else /proc/net (and the fds when a process is asked). */
function portScript(protocol: "tcp" | "udp", process: boolean): string {
  return [
    `if have ss; then out ss ss -lnp${protocol === "tcp" ? "t" : "u"}; else`,
    `  out net4 cat /proc/net/${protocol}; out net6 cat /proc/net/${protocol}6`,
    process ? "  out fds ls -l /proc/[0-9]*/fd; out comms grep -H . /proc/[0-9]*/comm" : "",
    "fi",
  ].join("\n");
}

/** The listeners from /proc/net, with their processes where the fds were readable. */
function fromProc(
  sections: { net4?: string; net6?: string; fds?: string; comms?: string },
  state: string,
): Listener[] {
  const inodes = parseFdListing(sections.fds ?? "");
  const comms = parseComms(sections.comms ?? "");
  const sockets = [
    ...parseProcNet(sections.net4 ?? "", state),
    ...parseProcNet(sections.net6 ?? "", state),
  ];
  return sockets.map(({ address, port, inode, line }) => {
    const pids = inodes.get(inode);
    const names = pids?.map((pid) => comms.get(pid)).filter((n): n is string => n !== undefined);
    return { address, port, processes: names?.length ? names : undefined, line };
  });
}

/** Makes the `port` probe. */
export const portProbe = hostProbe(KIND, async ({ fields, script, cannotTell }) => {
  const port = fields.integer("port", 1, 65535);
  const protocol = (fields.optionalText("protocol") ?? "tcp") as "tcp" | "udp";
  if (protocol !== "tcp" && protocol !== "udp") {
    throw new TypeError(`Cannot run probe "${KIND}": field "protocol" must be "tcp" or "udp"`);
  }
  const address = fields.optionalText("address");
  const process = fields.optionalText("process");
  const listening = fields.flag("listening", true);
  const out = await script(portScript(protocol, process !== undefined));
  let all: Listener[];
  let source: string;
  if (out.sections.has("ss")) {
    const ss = out.section("ss");
    if (ss.rc !== 0) return cannotTell(`ss: ${ss.text.trim()}`);
    all = parseSs(ss.text);
    source = "ss";
  } else {
    const net4 = out.section("net4");
    const net6 = out.section("net6");
    if (net4.rc !== 0 && net6.rc !== 0) {
      return cannotTell(`the host has no ss and no readable /proc/net/${protocol}`);
    }
    all = fromProc({
      net4: net4.text,
      net6: net6.text,
      fds: out.sections.get("fds")?.text,
      comms: out.sections.get("comms")?.text,
    }, protocol === "tcp" ? "0A" : "07");
    source = `/proc/net/${protocol}`;
  }
  const onPort = all.filter((l) => l.port === port);
  const matching = onPort.filter((l) => address === undefined || sameAddress(l.address, address));
  const where = `${protocol} port ${port}${address === undefined ? "" : ` on ${address}`}`;
  const seen = onPort.map((l) => `${l.address}:${l.port}${names(l)}`);
  const evidence = onPort.length === 0
    ? `${source}: nothing listens on ${protocol} port ${port}`
    : `${source}: ${onPort.map((l) => l.line).join("\n")}`;
  if (!listening) {
    if (matching.length === 0) return { ok: true, evidence };
    return { ok: false, evidence, message: `${where} is listened on (${seen.join(", ")})` };
  }
  if (matching.length === 0) {
    const also = onPort.length > 0 ? ` (listened on ${seen.join(", ")})` : "";
    return { ok: false, evidence, message: `nothing listens on ${where}${also}` };
  }
  const findings = new Findings();
  if (process !== undefined) {
    if (matching.some((l) => l.processes?.includes(process))) return { ok: true, evidence };
    const visible = matching.filter((l) => l.processes !== undefined);
    if (visible.length === matching.length) {
      findings.add(
        `held by ${visible.flatMap((l) => l.processes!).join(", ")}, expected ${
          JSON.stringify(process)
        }`,
      );
    } else {
      findings.cannotRead(
        `the process holding it cannot be seen (${source} shows none: the probe's user may not ` +
          `see other users' processes)`,
      );
    }
  }
  return findings.verdict(
    KIND,
    where,
    `${evidence}${findings.unknown.length ? "\nprocess: not visible" : ""}`,
  );
});

function names(listener: Listener): string {
  return listener.processes ? ` (${listener.processes.join(", ")})` : "";
}
