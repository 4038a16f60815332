/**
 * Escaping for XML and HTML text.
 * @module
 */

/** Escapes text for XML (and HTML) attributes and character data. */
export function xmlEscape(text: string): string {
  // Control characters other than tab, LF and CR are not allowed in XML 1.0.
  return text
    // deno-lint-ignore no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
