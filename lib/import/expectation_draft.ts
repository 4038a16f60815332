/**
 * A doc's Output block turned into an expectation whose volatile text sits in slots (for the
 * capture planner): JSON that parses becomes a JSON subset (an abridged `inspect` fragment is
 * wrapped back into its document), a listing with a header row becomes an unordered table whose
 * column padding is flexible, anything else ordered lines (with `...` around an excerpt).
 * @module
 */
import type { Expectation } from "../lesson/types.ts";
import type { Slot } from "./captures.ts";
import type { Volatile } from "./volatile.ts";

/** A JSON value whose strings and keys are slots. */
export type JsonDraft =
  | { type: "object"; entries: Array<{ key: Slot; value: JsonDraft }> }
  | { type: "array"; items: JsonDraft[] }
  | { type: "string"; slot: Slot }
  | { type: "literal"; value: number | boolean | null };

/** An expectation before the captures are planned. */
export type ExpectationDraft =
  | { kind: "lines"; lines: Slot[] }
  | { kind: "unordered"; header: number; lines: Slot[] }
  | { kind: "json"; value: JsonDraft };

/** What drafting noticed, for the review notes. */
export interface DraftResult {
  /** The draft. */
  draft: ExpectationDraft;
  /** Guesses worth a `// review:` comment. */
  notes: string[];
}

const LISTING = /^(?:docker|podman)\s+(?:\S+\s+)?(?:ls|ps|list|images)\b|^kubectl\s+get\b/;
const HEADER = /^[A-Z][A-Z0-9 ./_-]*[A-Z0-9](?: {2,}[A-Z][A-Z0-9 ./_-]*)+$/;

/** Drafts the expectation of `text`, the output the doc shows for the command `run`. */
export function draftExpectation(
  run: string,
  text: string,
  options: { partial?: boolean; hint?: Slot["hint"] },
): DraftResult {
  const notes: string[] = [];
  const json = _parseJson(text, run, options.partial === true);
  if (json) {
    if (json.wrapped) {
      notes.push("the doc shows part of a JSON document: checked as a subset of it");
    }
    return { draft: { kind: "json", value: _jsonDraft(json.value, undefined) }, notes };
  }
  const lines = text.split("\n");
  const line = (t: string, padding = false): Slot => ({
    text: t,
    role: "output",
    hint: options.hint,
    padding,
  });
  const compact = run.replace(/\\\n\s*/g, " ").trim();
  if (LISTING.test(compact) && HEADER.test(lines[0].trim()) && lines.length > 1) {
    notes.push(
      'a listing: rows in any order, column padding flexible, other rows allowed ("...")',
    );
    const rows = lines.map((l) => line(l, true));
    return {
      draft: { kind: "unordered", header: 1, lines: [...rows, line("...")] },
      notes,
    };
  }
  const slots = lines.map((l) => line(l));
  if (options.partial) {
    notes.push('the doc shows part of the output: "..." allows the rest');
    slots.unshift(line("..."));
    slots.push(line("..."));
  }
  return { draft: { kind: "lines", lines: slots }, notes };
}

function _parseJson(
  text: string,
  run: string,
  partial: boolean,
): { value: unknown; wrapped?: boolean } | undefined {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      return { value: JSON.parse(trimmed) };
    } catch { /* not JSON as it stands */ }
  }
  if (!partial || !/^"[^"]+"\s*:/.test(trimmed)) return undefined;
  try {
    const object = JSON.parse(`{${trimmed.replace(/,\s*$/, "")}}`);
    return { value: /\binspect\b/.test(run) ? [object] : object, wrapped: true };
  } catch {
    return undefined;
  }
}

/** Names a value inside an object from the object's "Name" and the key: `redis_cache_ip`. */
function _jsonHint(owner: string | undefined, key: string | undefined): Slot["hint"] {
  return (v: Volatile) => {
    const suffix = v.type === "ipv4" || v.type === "cidr"
      ? "ip"
      : v.type === "ipv6"
      ? "ip6"
      : v.type === "mac"
      ? "mac"
      : key && /^id$/i.test(key)
      ? "id"
      : key?.replace(/([a-z])([A-Z])/g, "$1_$2").replace(/ID$/, "_id");
    if (owner) return `${owner}_${suffix ?? v.type}`;
    return key && !/^id$/i.test(key) ? key.replace(/([a-z])([A-Z])/g, "$1_$2") : undefined;
  };
}

function _jsonDraft(value: unknown, key: string | undefined, owner?: string): JsonDraft {
  if (Array.isArray(value)) return { type: "array", items: value.map((v) => _jsonDraft(v, key)) };
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const name = typeof record.Name === "string" ? record.Name : undefined;
    return {
      type: "object",
      entries: Object.entries(record).map(([k, v]) => {
        const childName = v !== null && typeof v === "object" &&
            typeof (v as Record<string, unknown>).Name === "string"
          ? String((v as Record<string, unknown>).Name)
          : undefined;
        const keySlot: Slot = {
          text: k,
          role: "output",
          forceName: true,
          hint: (vol) => childName && vol.type === "id" ? `${childName}_id` : undefined,
        };
        return { key: keySlot, value: _jsonDraft(v, k, name) };
      }),
    };
  }
  if (typeof value === "string") {
    return { type: "string", slot: { text: value, role: "output", hint: _jsonHint(owner, key) } };
  }
  return { type: "literal", value: value as number | boolean | null };
}

/** Every slot of a draft, in document order. */
export function draftSlots(draft: ExpectationDraft): Slot[] {
  if (draft.kind !== "json") return draft.lines;
  const out: Slot[] = [];
  const walk = (d: JsonDraft) => {
    if (d.type === "string") out.push(d.slot);
    else if (d.type === "array") d.items.forEach(walk);
    else if (d.type === "object") {
      for (const e of d.entries) {
        out.push(e.key);
        walk(e.value);
      }
    }
  };
  walk(draft.value);
  return out;
}

/** The expectation, once planCaptures has set every slot's pattern. */
export function finishExpectation(draft: ExpectationDraft): Expectation {
  const text = (s: Slot) => s.pattern ?? s.text;
  if (draft.kind === "lines") return draft.lines.map(text).join("\n");
  if (draft.kind === "unordered") {
    return { kind: "unordered", header: draft.header, text: draft.lines.map(text).join("\n") };
  }
  const build = (d: JsonDraft): unknown => {
    if (d.type === "string") return text(d.slot);
    if (d.type === "literal") return d.value;
    if (d.type === "array") return d.items.map(build);
    return Object.fromEntries(d.entries.map((e) => [text(e.key), build(e.value)]));
  };
  return { kind: "json", value: build(draft.value) } as Expectation;
}
