/**
 * Placeholders and named captures for a whole lesson. Every volatile value of every output
 * becomes a placeholder; a value that shows up more than once (the ID `docker network create`
 * prints and `docker network ls` lists, the address `docker network inspect` reports and `ping`
 * reaches) becomes a named capture: `{{name:type}}` where it first shows in an output,
 * `{{name}}` after, in outputs and in the commands' own text.
 * @module
 */
import { isType } from "../expect/_placeholders.ts";
import { snakeName } from "./capture_names.ts";
import { findVolatile, sameValue, type Volatile, type VolatileType } from "./volatile.ts";

/** A piece of text the planner rewrites: an output line, a JSON string or key, a command. */
export interface Slot {
  /** The text as the doc shows it. */
  text: string;
  /** "output": may bind and reference captures; "run": a command, may only reference them. */
  role: "output" | "run";
  /** The name a value found here would be captured under, from what is around it. */
  hint?: (value: Volatile, text: string) => string | undefined;
  /** Capture every volatile value here by name, even one that shows only once (JSON keys). */
  forceName?: boolean;
  /** Runs of two or more spaces are column padding (a table): they become `{{*}}`. */
  padding?: boolean;
  /** The rewritten text, set by planCaptures. */
  pattern?: string;
}

/** What planCaptures found worth a review. */
export interface CaptureReport {
  /** The capture names, in the order they are bound. */
  names: string[];
  /** Made-up IDs the doc shows (not 12 or 64 hex digits), by capture name or type. */
  madeUp: string[];
}

type Family = "id" | "ip4" | "ip6" | "mac";

interface Occurrence {
  slot: Slot;
  v: Volatile;
  family?: Family;
  /** The value compared between occurrences (an address without its prefix length). */
  key: string;
}

interface Group {
  family: Family;
  occurrences: Occurrence[];
  name?: string;
}

const FALLBACK: Record<Family, string> = { id: "id", ip4: "ip", ip6: "ip6", mac: "mac" };
const BIND_TYPE: Record<Family, string> = { id: "id", ip4: "ipv4", ip6: "ipv6", mac: "mac" };

function _family(v: Volatile): { family?: Family; key: string } {
  if (v.type === "id") return { family: "id", key: v.value };
  if (v.type === "ipv4") return { family: "ip4", key: v.value };
  if (v.type === "ipv6") return { family: "ip6", key: v.value.toLowerCase() };
  if (v.type === "mac") return { family: "mac", key: v.value.toLowerCase() };
  if (v.type === "cidr") {
    const address = v.value.split("/")[0];
    return { family: address.includes(":") ? "ip6" : "ip4", key: address.toLowerCase() };
  }
  return { key: v.value };
}

function _same(family: Family, a: string, b: string): boolean {
  return sameValue(family === "id" ? "id" : "ipv4" as VolatileType, a, b);
}

/**
 * Rewrites every slot (in lesson order) into its pattern, and names the captures.
 *
 * @example
 * ```ts
 * const a = { text: "4a7d8f9e3c2b1a0f", role: "output" } as const;
 * const b = { text: "4a7d8f9e3c2b  net  bridge", role: "output" } as const;
 * planCaptures([a, b]); // a.pattern "{{id_1:id}}", b.pattern "{{id_1}}  net  bridge"
 * ```
 */
export function planCaptures(slots: Slot[]): CaptureReport {
  const found = slots.map((slot) =>
    findVolatile(slot.text).map((v): Occurrence => ({ slot, v, ..._family(v) }))
  );
  const groups: Group[] = [];
  const groupOf = new Map<Occurrence, Group>();
  found.forEach((list) => {
    for (const o of list) {
      if (!o.family || (o.slot.role === "run" && o.v.type !== "id" && o.v.type !== "ipv4")) {
        continue;
      }
      let group = groups.find((g) =>
        g.family === o.family && _same(g.family, g.occurrences[0].key, o.key)
      );
      if (!group) {
        if (o.slot.role === "run") continue; // Shown in a command before any output: literal.
        group = { family: o.family, occurrences: [] };
        groups.push(group);
      }
      group.occurrences.push(o);
      groupOf.set(o, group);
    }
  });
  const used = new Set<string>();
  const report: CaptureReport = { names: [], madeUp: [] };
  for (const group of groups) {
    const named = group.occurrences.length > 1 || group.occurrences.some((o) => o.slot.forceName);
    if (!named) continue;
    let base = "";
    for (const o of group.occurrences) {
      base = snakeName(o.slot.hint?.(o.v, o.slot.text) ?? "");
      if (base) break;
    }
    if (!base || isType(base)) base = `${FALLBACK[group.family]}_1`;
    let name = base;
    for (let n = 2; used.has(name) || isType(name); n++) name = `${base.replace(/_\d+$/, "")}_${n}`;
    used.add(name);
    group.name = name;
    report.names.push(name);
  }
  const bound = new Set<Group>();
  found.forEach((list, index) => {
    const slot = slots[index];
    let text = "";
    let at = 0;
    for (const o of list) {
      text += _literal(slot, slot.text.slice(at, o.v.start));
      at = o.v.end;
      const group = groupOf.get(o);
      if (o.v.madeUp) report.madeUp.push(group?.name ?? o.v.value);
      if (slot.role === "run") {
        text += group?.name && bound.has(group) ? `{{${group.name}}}` : o.v.value;
        continue;
      }
      if (!group?.name) {
        text += `{{${o.v.type}}}`;
        continue;
      }
      const first = !bound.has(group);
      bound.add(group);
      const ref = first ? `{{${group.name}:${BIND_TYPE[group.family]}}}` : `{{${group.name}}}`;
      text += o.v.type === "cidr" ? `${ref}/{{int}}` : ref;
    }
    slot.pattern = text + _literal(slot, slot.text.slice(at));
  });
  return report;
}

/** Literal text of a slot: `{{` escaped in outputs, padding made flexible in tables. */
function _literal(slot: Slot, text: string): string {
  if (slot.role === "run") return text;
  const escaped = text.replace(/\{\{/g, "\\{{");
  return slot.padding ? escaped.replace(/ {2,}/g, "{{*}}") : escaped;
}
