/**
 * The class inventory for grading: one student host per row, from CSV
 * (`id,host,port,user,identity_file[,host_key]`) or the same fields in YAML.
 * @module
 */
import { parse as parseYaml } from "yaml";

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

/** Parses an inventory; the format follows the file name (`.yaml`/`.yml` or CSV). */
export function parseInventory(text: string, file: string): StudentHost[] {
  const rows = /\.ya?ml$/i.test(file) ? _yamlRows(text, file) : _csvRows(text, file);
  const hosts: StudentHost[] = [];
  const seen = new Map<string, string>();
  for (const { where, fields } of rows) {
    const fail = (problem: string): never => {
      throw new TypeError(`Cannot read inventory "${file}": ${where}: ${problem}`);
    };
    for (const name of ["id", "host", "user"] as const) {
      if (!fields[name]) fail(`"${name}" is empty`);
    }
    const port = Number(fields.port || "22");
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail(`"port" must be 1-65535, got ${JSON.stringify(fields.port)}`);
    }
    const earlier = seen.get(fields.id);
    if (earlier) fail(`"id" "${fields.id}" is already used at ${earlier}`);
    seen.set(fields.id, where);
    if (fields.host_key && !/^\S+ [A-Za-z0-9+/=]+/.test(fields.host_key)) {
      fail(`"host_key" must be a key in known_hosts format, such as "ssh-ed25519 AAAA…"`);
    }
    hosts.push({
      id: fields.id,
      host: fields.host,
      port,
      user: fields.user,
      ...(fields.identity_file ? { identityFile: fields.identity_file } : {}),
      ...(fields.host_key ? { hostKey: fields.host_key } : {}),
    });
  }
  return hosts;
}

type Row = { where: string; fields: Record<string, string> };

function _csvRows(text: string, file: string): Row[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = _csvLine(lines[0] ?? "").map((h) => h.trim());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new TypeError(
      `Cannot read inventory "${file}": line 1: the header lacks ${
        missing.map((m) => `"${m}"`).join(", ")
      }: expected id,host,port,user,identity_file[,host_key]`,
    );
  }
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === "" || lines[i].startsWith("#")) continue;
    const cells = _csvLine(lines[i]);
    if (cells.length !== header.length) {
      throw new TypeError(
        `Cannot read inventory "${file}": line ${
          i + 1
        }: ${cells.length} fields, the header has ${header.length}`,
      );
    }
    rows.push({
      where: `line ${i + 1}`,
      fields: Object.fromEntries(header.map((name, c) => [name, cells[c].trim()])),
    });
  }
  return rows;
}

/** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
function _csvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
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
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function _yamlRows(text: string, file: string): Row[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new TypeError(
      `Cannot read inventory "${file}": ${(error as Error).message.split("\n")[0]}`,
    );
  }
  const list = Array.isArray(data) ? data : (data as { hosts?: unknown })?.hosts;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Cannot read inventory "${file}": expected a list of hosts (or "hosts:" with one)`,
    );
  }
  return list.map((item, i) => {
    if (typeof item !== "object" || item === null) {
      throw new TypeError(`Cannot read inventory "${file}": host ${i + 1}: must be a mapping`);
    }
    const fields = Object.fromEntries(
      Object.entries(item as Record<string, unknown>).map((
        [k, v],
      ) => [k, v === null ? "" : String(v)]),
    );
    return { where: `host ${i + 1}`, fields };
  });
}
