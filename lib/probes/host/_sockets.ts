/**
 * Reading listening sockets: `ss -lnp` lines, or /proc/net/{tcp,udp}{,6} with the processes
 * found through /proc/PID/fd where the host has no `ss` (busybox images).
 * @module
 */

/** One listening socket. */
export interface Listener {
  /** The local address as shown (`0.0.0.0`, `::`, `*`, `127.0.0.1`), without brackets or zone. */
  address: string;
  /** The local port. */
  port: number;
  /** Names of the processes holding it; undefined when the host does not let the probe see them. */
  processes?: string[];
  /** The line the socket was read from, for evidence. */
  line: string;
}

/** Reads `ss -lnp` output (header optional); other lines are skipped. */
export function parseSs(text: string): Listener[] {
  const listeners = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || !/^\d+$/.test(f[1])) continue;
    const local = splitAddress(f[3]);
    if (local === undefined) continue;
    const users = f.slice(5).join(" ");
    const names = [...users.matchAll(/\("((?:[^"\\]|\\.)*)",pid=/g)].map((m) => m[1]);
    listeners.push({
      ...local,
      processes: names.length > 0 ? names : undefined,
      line: line.trim(),
    });
  }
  return listeners;
}

/** `[::]:22`, `0.0.0.0:80`, `127.0.0.53%lo:53`, `*:80` into address and port. */
export function splitAddress(text: string): { address: string; port: number } | undefined {
  const m = /^(.*):(\d+|\*)$/.exec(text);
  if (!m || m[2] === "*") return undefined;
  const address = m[1].replace(/^\[(.*)\]$/, "$1").replace(/%[^%]*$/, "");
  return { address, port: Number(m[2]) };
}

/**
 * Reads /proc/net/tcp, tcp6, udp or udp6: the sockets in `state` (0A, LISTEN, for TCP; 07,
 * unconnected, for UDP), with their inodes.
 */
export function parseProcNet(
  text: string,
  state: string,
): Array<{ address: string; port: number; inode: string; line: string }> {
  const sockets = [];
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== state) continue;
    const [addressHex, portHex] = f[1].split(":");
    const address = hexAddress(addressHex);
    if (address === undefined || portHex === undefined) continue;
    sockets.push({ address, port: parseInt(portHex, 16), inode: f[9], line: line.trim() });
  }
  return sockets;
}

/** A /proc/net address (32-bit words in host order, little-endian here) as text. */
export function hexAddress(hex: string): string | undefined {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) return undefined;
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    for (let i = 6; i >= 0; i -= 2) bytes.push(parseInt(hex.slice(word + i, word + i + 2), 16));
  }
  if (bytes.length === 4) return bytes.join(".");
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return compressIpv6(groups);
}

/** Eight hex groups as an IPv6 address with the longest run of zeros compressed. */
function compressIpv6(groups: string[]): string {
  if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
    const [a, b] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  let best = [-1, 0];
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > best[1]) best = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  if (best[1] < 2) return groups.join(":");
  const head = groups.slice(0, best[0]).join(":");
  const tail = groups.slice(best[0] + best[1]).join(":");
  return `${head}::${tail}`;
}

/** Socket inodes to pids, from `ls -l /proc/[0-9]*\/fd` output. */
export function parseFdListing(text: string): Map<string, number[]> {
  const byInode = new Map<string, number[]>();
  let pid: number | undefined;
  for (const line of text.split("\n")) {
    const dir = /^\/proc\/(\d+)\/fd:$/.exec(line);
    if (dir) pid = Number(dir[1]);
    const socket = /-> socket:\[(\d+)\]$/.exec(line);
    if (socket && pid !== undefined) {
      const pids = byInode.get(socket[1]) ?? [];
      if (!pids.includes(pid)) pids.push(pid);
      byInode.set(socket[1], pids);
    }
  }
  return byInode;
}

/** Pids to names, from `grep -H . /proc/[0-9]*\/comm` output. */
export function parseComms(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const m of text.matchAll(/^\/proc\/(\d+)\/comm:(.*)$/gm)) names.set(Number(m[1]), m[2]);
  return names;
}

/** Whether a listener's address is the one expected; a wildcard `*` is both 0.0.0.0 and ::. */
export function sameAddress(found: string, wanted: string): boolean {
  const norm = (a: string) => a.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  const [f, w] = [norm(found), norm(wanted)];
  if (f === w) return true;
  const wildcard = ["*", "0.0.0.0", "::"];
  return (f === "*" && wildcard.includes(w)) || (w === "*" && wildcard.includes(f));
}
