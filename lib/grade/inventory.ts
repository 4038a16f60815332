/**
 * The class inventory for grading: one student host per row, from CSV
 * (`id,host,port,user,identity_file[,host_key]`) or the same fields in YAML. Read strictly: a
 * port is decimal, a host is a host name or an IP address, no column is unknown or repeated,
 * and every problem names the file, the line and the column, and quotes the value.
 * @module
 */
import { isIP } from "node:net";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** One student host. */
export interface StudentHost {
  /** The student's id, unique in the inventory. */
  id: string;
  /** Host name or address. */
  host: string;
  /** SSH port. */
  port: number;
  /** Login user. */
  user: string;
  /** Private key file; the SSH defaults (agent, ~/.ssh) when empty. */
  identityFile?: string;
  /** A pinned host key in known_hosts format (`ssh-ed25519 AAAA…`), verified instead of known_hosts. */
  hostKey?: string;
}

const REQUIRED = ["id", "host", "port", "user", "identity_file"] as const;
const COLUMNS: readonly string[] = [...REQUIRED, "host_key"];
const SHAPE = "expected id,host,port,user,identity_file[,host_key]";

/** A field's text and where it stands (`line 3, column 9`). */
type Cell = { value: string; where: string };
type Row = { where: string; fields: Record<string, Cell | undefined> };

/** A DNS host name: labels of letters, digits and inner hyphens. */
const HOST_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Parses an inventory; the format follows the file name (`.yaml`/`.yml` or CSV). */
export function parseInventory(text: string, file: string): StudentHost[] {
  const fail = (where: string, problem: string): never => {
    throw new TypeError(`Cannot read inventory "${file}": ${where}: ${problem}`);
  };
  const rows = /\.ya?ml$/i.test(file) ? _yamlRows(text, fail) : _csvRows(text, fail);
  const hosts: StudentHost[] = [];
  const seen = new Map<string, string>();
  for (const { where, fields } of rows) {
    const text = (name: string) => fields[name]?.value ?? "";
    const at = (name: string) => fields[name]?.where ?? where;
    for (const name of ["id", "host", "user"]) {
      if (!text(name)) fail(at(name), `"${name}" is empty`);
    }
    const portText = text("port") || "22";
    const port = Number(portText);
    if (!/^[0-9]{1,5}$/.test(portText) || port < 1 || port > 65535) {
      fail(at("port"), `"port" must be a decimal number from 1 to 65535, got "${portText}"`);
    }
    const host = text("host");
    if (!HOST_NAME.test(host) && isIP(host.replace(/^\[(.*)\]$/, "$1")) === 0) {
      fail(at("host"), `"host" must be a host name or an IP address, got "${host}"`);
    }
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.@-]*\$?$/.test(text("user"))) {
      fail(at("user"), `"user" must be a user name, got "${text("user")}"`);
    }
    const earlier = seen.get(text("id"));
    if (earlier) fail(at("id"), `"id" "${text("id")}" is already used at ${earlier}`);
    seen.set(text("id"), at("id"));
    const hostKey = text("host_key");
    if (hostKey && !/^\S+ [A-Za-z0-9+/=]+/.test(hostKey)) {
      fail(
        at("host_key"),
        `"host_key" must be a key in known_hosts format, such as "ssh-ed25519 AAAA…"`,
      );
    }
    hosts.push({
      id: text("id"),
      host: host.replace(/^\[(.*)\]$/, "$1"),
      port,
      user: text("user"),
      ...(text("identity_file") ? { identityFile: text("identity_file") } : {}),
      ...(hostKey ? { hostKey } : {}),
    });
  }
  return hosts;
}

type Fail = (where: string, problem: string) => never;

function _csvRows(text: string, fail: Fail): Row[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const header = _csvLine(lines[0] ?? "").map((h) => h.text.trim());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    fail("line 1", `the header lacks ${missing.map((m) => `"${m}"`).join(", ")}: ${SHAPE}`);
  }
  header.forEach((name, c) => {
    if (!COLUMNS.includes(name)) fail("line 1", `unknown column "${name}": ${SHAPE}`);
    if (header.indexOf(name) !== c) fail("line 1", `the header names "${name}" twice`);
  });
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "" || lines[i].startsWith("#")) continue;
    const cells = _csvLine(lines[i]);
    if (cells.length !== header.length) {
      fail(`line ${i + 1}`, `${cells.length} fields, the header has ${header.length}`);
    }
    rows.push({
      where: `line ${i + 1}`,
      fields: Object.fromEntries(
        header.map((name, c) => [name, {
          value: cells[c].text.trim(),
          where: `line ${i + 1}, column ${cells[c].column}`,
        }]),
      ),
    });
  }
  return rows;
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields), with 1-based columns. */
function _csvLine(line: string): Array<{ text: string; column: number }> {
  const cells: Array<{ text: string; column: number }> = [];
  let cell = "";
  let start = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      cells.push({ text: cell, column: start + 1 });
      cell = "";
      start = i + 1;
    } else cell += ch;
  }
  cells.push({ text: cell, column: start + 1 });
  return cells;
}

function _yamlRows(text: string, fail: Fail): Row[] {
  // The failsafe schema keeps every scalar as written: `0x16` stays text, not the number 22.
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: "failsafe", lineCounter: lines });
  if (doc.errors.length > 0) fail("", doc.errors[0].message.split("\n")[0]);
  const at = (node: Node | null | undefined, fallback: string) => {
    if (!node?.range) return fallback;
    const { line, col } = lines.linePos(node.range[0]);
    return `line ${line}, column ${col}`;
  };
  const root = doc.contents;
  const list = isSeq(root) ? root : isMap(root) ? root.get("hosts", true) : undefined;
  if (!isSeq(list)) fail(at(root, "line 1"), `expected a list of hosts (or "hosts:" with one)`);
  return (list as { items: unknown[] }).items.map((item, i) => {
    const where = at(item as Node, `host ${i + 1}`);
    if (!isMap(item)) fail(where, `host ${i + 1} must be a mapping of ${COLUMNS.join(", ")}`);
    const fields: Record<string, Cell> = {};
    for (const pair of (item as { items: Array<{ key: unknown; value: unknown }> }).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : JSON.stringify(pair.key);
      const value = pair.value as Node | null;
      const keyWhere = at(pair.key as Node, where);
      if (!COLUMNS.includes(key)) fail(keyWhere, `unknown field "${key}": ${SHAPE}`);
      if (value !== null && !isScalar(value)) {
        fail(at(value, keyWhere), `"${key}" must be text, got ${JSON.stringify(value.toJSON())}`);
      }
      const text = value === null || value.value === null ? "" : String(value.value);
      fields[key] = { value: text.trim(), where: at(value, keyWhere) };
    }
    return { where, fields };
  });
}
