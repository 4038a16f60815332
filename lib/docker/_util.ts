/**
 * Small shared helpers: path segments, label filters, environment lists.
 * @module
 */

/** Encodes one path segment (a container, network, volume or exec id or name). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** Builds the Engine's `filters` query object, leaving out empty entries. */
export function filters(
  entries: Record<string, string[] | string | undefined>,
): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined) continue;
    const list = Array.isArray(value) ? value : [value];
    if (list.length > 0) out[key] = list;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Turns `{A: "1"}` or `["A=1"]` into the Engine's `["A=1"]` form. */
export function envList(env: Record<string, string> | string[] | undefined): string[] | undefined {
  if (env === undefined) return undefined;
  return Array.isArray(env) ? env : Object.entries(env).map(([key, value]) => `${key}=${value}`);
}
