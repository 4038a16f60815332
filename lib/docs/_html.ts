/**
 * CommonMark's seven kinds of HTML block: how each starts and where it ends.
 * @module
 */

/** How an HTML block ends: at a line matching a pattern, or before a blank line. */
export type HtmlEnd = RegExp | "blank";

const BLOCK_TAGS = new Set(
  (
    "address article aside base basefont blockquote body caption center col colgroup dd " +
    "details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 " +
    "h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol " +
    "optgroup option p param search section summary table tbody td tfoot th thead title tr " +
    "track ul"
  ).split(" "),
);

const ATTRIBUTE = String
  .raw`\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^"'=<>\x60\s]+|'[^']*'|"[^"]*"))?`;
const OPEN_TAG = new RegExp(String.raw`^<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\s*\/?>\s*$`);
const CLOSE_TAG = /^<\/[A-Za-z][A-Za-z0-9-]*\s*>\s*$/;

/**
 * Whether `text` (a line with its indentation removed) starts an HTML block, and how that
 * block ends. Kind 7 (any lone tag) cannot interrupt a paragraph.
 */
export function htmlStart(text: string, inParagraph: boolean): HtmlEnd | undefined {
  if (!text.startsWith("<")) return undefined;
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(text)) {
    return /<\/(?:script|pre|style|textarea)>/i;
  }
  if (text.startsWith("<!--")) return /-->/;
  if (text.startsWith("<?")) return /\?>/;
  if (text.startsWith("<![CDATA[")) return /\]\]>/;
  if (/^<![A-Za-z]/.test(text)) return />/;
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[\s>]|\/>|$)/.exec(text);
  if (tag && BLOCK_TAGS.has(tag[1].toLowerCase())) return "blank";
  if (!inParagraph && (OPEN_TAG.test(text) || CLOSE_TAG.test(text))) return "blank";
  return undefined;
}

/** Whether the end condition holds on this line (for the line that starts the block too). */
export function htmlEnds(end: HtmlEnd, text: string): boolean {
  return end !== "blank" && end.test(text);
}
