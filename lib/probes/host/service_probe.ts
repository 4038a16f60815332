/**
 * The `service` probe: whether a systemd unit on the target host is active and enabled, read
 * with `systemctl show`. A host without a running systemd (a container, a machine whose PID 1
 * is another init) has no service manager this probe understands: the probe ends `error`.
 * @module
 */
import { shellQuote } from "../../shell_quote.ts";
import { Findings, hostProbe } from "./_host_probe.ts";

const KIND = "service";

/** The `UnitFileState` values for which `systemctl is-enabled` succeeds. */
const ENABLED = new Set([
  "enabled",
  "enabled-runtime",
  "static",
  "alias",
  "indirect",
  "generated",
  "transient",
]);

/** What `systemctl show --property=…` prints, by property. */
export function parseShow(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) properties[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return properties;
}

/** Makes the `service` probe. */
export const serviceProbe = hostProbe(KIND, async ({ fields, script, cannotTell }) => {
  const name = fields.text("name");
  const active = fields.optionalFlag("active");
  const enabled = fields.optionalFlag("enabled");
  const out = await script([
    "if have systemctl && [ -d /run/systemd/system ]; then",
    `  out show systemctl show --no-pager --property=LoadState,ActiveState,SubState,UnitFileState -- ${
      shellQuote(name)
    }`,
    "else",
    "  out init cat /proc/1/comm; have systemctl && sec systemctl",
    "fi",
  ].join("\n"));
  const subject = `service ${JSON.stringify(name)}`;
  if (!out.sections.has("show")) {
    const init = out.section("init");
    const pid1 = init.rc === 0 ? `PID 1 is "${init.text.trim()}"` : "PID 1 cannot be read";
    const why = out.sections.has("systemctl")
      ? `systemd is not running on this host (${pid1}), so systemctl cannot tell`
      : `the host has no systemd (no systemctl; ${pid1}), the only service manager it reads`;
    return cannotTell(`${subject}: ${why}`, why);
  }
  const show = out.section("show");
  const state = parseShow(show.text);
  if (show.rc !== 0 || state.LoadState === undefined || state.ActiveState === undefined) {
    return cannotTell(`${subject}: systemctl show: ${show.text.trim()}`, show.text);
  }
  const evidence = `systemctl show ${name}: ${show.text.trim().split("\n").join(", ")}`;
  const findings = new Findings();
  if (state.LoadState === "not-found") {
    // With neither asked, the probe asks that the unit exists.
    if (active === true || enabled === true || (active === undefined && enabled === undefined)) {
      return { ok: false, evidence, message: `${subject} does not exist (LoadState=not-found)` };
    }
    return { ok: true, evidence };
  }
  const isActive = state.ActiveState === "active" || state.ActiveState === "reloading";
  if (active !== undefined && active !== isActive) {
    findings.add(
      `is ${state.ActiveState} (${state.SubState ?? "?"}), expected ${
        active ? "active" : "not active"
      }`,
    );
  }
  const isEnabled = ENABLED.has(state.UnitFileState ?? "");
  if (enabled !== undefined && enabled !== isEnabled) {
    findings.add(
      `is ${state.UnitFileState || "not enabled"}, expected ${enabled ? "enabled" : "not enabled"}`,
    );
  }
  return findings.verdict(KIND, subject, evidence);
});
