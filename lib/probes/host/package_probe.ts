/**
 * The `package` probe: whether a package is installed on the target host, and in which
 * version, read from the host's package manager: `dpkg-query`, apk's database, or `rpm -q`,
 * whichever the host has.
 * @module
 */
import { matchLine } from "../../expect/mod.ts";
import { shellQuote } from "../../shell_quote.ts";
import { hostProbe } from "./_host_probe.ts";

const KIND = "package";

/** What a package manager said about one package. */
export interface PackageState {
  /** The manager that was asked: `dpkg`, `apk` or `rpm`. */
  manager: string;
  /** The installed versions (several for multi-arch or multi-version packages). */
  versions: string[];
  /** What the manager printed, for evidence. */
  said: string;
}

/** The script: the first package manager the host has, asked about `name`. */
function packageScript(name: string): string {
  const n = shellQuote(name);
  return [
    "if have dpkg-query; then",
    `  out dpkg dpkg-query -W -f='\${Status}\\t\${Version}\\n' -- ${n}`,
    "elif have apk; then",
    `  out apk awk -v n=${n} '/^P:/ { p = substr($0, 3) } /^V:/ && p == n { print substr($0, 3) }'` +
    " /lib/apk/db/installed",
    "elif have rpm; then",
    `  out rpm rpm -q --qf '%{VERSION}-%{RELEASE}\\n' -- ${n}`,
    "else sec none; fi",
  ].join("\n");
}

/**
 * Reads what the manager printed into the installed versions; undefined when it failed in a way
 * that does not mean "not installed".
 */
export function parsePackage(
  manager: string,
  rc: number | undefined,
  text: string,
): PackageState | undefined {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const said = text.trim();
  if (manager === "dpkg") {
    if (rc === 1 && /no packages found/.test(text)) return { manager, versions: [], said };
    if (rc !== 0) return undefined;
    const versions = lines.map((l) => l.split("\t")).filter(([status]) =>
      / installed$/.test(status ?? "")
    ).map(([, version]) => version ?? "");
    return { manager, versions, said };
  }
  if (manager === "apk") return rc === 0 ? { manager, versions: lines, said } : undefined;
  if (manager === "rpm") {
    if (rc === 1 && /is not installed/.test(text)) return { manager, versions: [], said };
    return rc === 0 ? { manager, versions: lines, said } : undefined;
  }
  return undefined;
}

/** Makes the `package` probe. */
export const packageProbe = hostProbe(KIND, async ({ fields, ctx, script, cannotTell }) => {
  const name = fields.text("name");
  const installed = fields.flag("installed", true);
  const version = fields.optionalText("version");
  const out = await script(packageScript(name));
  const subject = `package ${JSON.stringify(name)}`;
  if (out.sections.has("none")) {
    return cannotTell(
      `${subject}: the host has no package manager the probe reads (dpkg, apk, rpm)`,
    );
  }
  const manager = ["dpkg", "apk", "rpm"].find((m) => out.sections.has(m));
  if (manager === undefined) return cannotTell(`${subject}: no answer from a package manager`);
  const section = out.section(manager);
  const state = parsePackage(manager, section.rc, section.text);
  if (state === undefined) {
    return cannotTell(`${subject}: ${manager} failed: ${section.text.trim()}`, section.text);
  }
  const evidence = state.versions.length === 0
    ? `${manager}: ${name} is not installed${state.said ? ` (${state.said})` : ""}`
    : `${manager}: ${name} ${state.versions.join(", ")} installed`;
  if (!installed) {
    if (state.versions.length === 0) return { ok: true, evidence };
    return { ok: false, evidence, message: `${subject} is installed (${state.versions[0]})` };
  }
  if (state.versions.length === 0) {
    return { ok: false, evidence, message: `${subject} is not installed` };
  }
  if (version !== undefined) {
    const tries = state.versions.map((v) => matchLine(version, v, ctx.captures));
    if (!tries.some((t) => t.ok)) {
      return {
        ok: false,
        evidence,
        message: `${subject} is version ${state.versions.join(", ")}, expected ${version}`,
      };
    }
  }
  return { ok: true, evidence };
});
