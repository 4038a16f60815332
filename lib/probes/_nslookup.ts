/**
 * Reading busybox `nslookup` output: the answer's addresses, or why there was none.
 * @module
 */

/** What one lookup found. */
export interface Lookup {
  /** The addresses of the answer, in order, without duplicates. */
  addresses: string[];
  /**
   * Why there is no address: `NXDOMAIN`, `no address records`, `no answer from the DNS server`,
   * or the tool's words.
   */
  reason?: string;
}

/**
 * Parses busybox `nslookup NAME` output (1.28+ `Address: 1.2.3.4` and older `Address 1: 1.2.3.4
 * name` forms), skipping the block that names the server.
 */
export function parseNslookup(output: string): Lookup {
  const lines = output.replaceAll("\r", "").split("\n");
  let start = 0;
  if (/^Server:/.test(lines[0] ?? "")) {
    const blank = lines.findIndex((line) => line.trim() === "");
    start = blank === -1 ? lines.length : blank + 1;
  }
  const addresses: string[] = [];
  for (const line of lines.slice(start)) {
    const found = /^Address(?:\s+\d+)?:\s*(\S+)/.exec(line);
    if (found && !addresses.includes(found[1])) addresses.push(found[1]);
  }
  if (addresses.length > 0) return { addresses };
  // An answer without records (NOERROR, as Docker's embedded DNS gives for a name it does not
  // know when asked not to forward it) prints only these headings.
  const text = lines.slice(start).map((line) => line.trim())
    .filter((line) => line !== "" && line !== "Non-authoritative answer:");
  if (text.length === 0) return { addresses, reason: "no address records" };
  const cannotFind = text.map((line) => /can't find [^:]*: (.+)$/.exec(line)).find(Boolean);
  if (cannotFind) return { addresses, reason: cannotFind[1] };
  if (text.some((line) => /timed out|no servers could be reached/.test(line))) {
    return { addresses, reason: "no answer from the DNS server" };
  }
  return {
    addresses,
    reason: text.find((line) => !/^(Server|Address):/.test(line)) ?? "no answer",
  };
}
