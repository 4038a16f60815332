/**
 * Colour for the reporters, as an option passed in: the escape codes come from picocolors, and
 * whether a stream gets them follows the conventions users already set (NO_COLOR, FORCE_COLOR,
 * TERM=dumb) before asking whether the stream is a terminal.
 * @module
 */
import picocolors from "picocolors";

/** Colour functions; identity functions when colour is off. */
export interface Palette {
  /** Passed. */
  green(text: string): string;
  /** Failed. */
  red(text: string): string;
  /** Skipped, warnings. */
  yellow(text: string): string;
  /** Secondary text. */
  dim(text: string): string;
  /** Emphasis. */
  bold(text: string): string;
}

/** A palette that colours when `color` is true. */
export function palette(color: boolean): Palette {
  const { green, red, yellow, dim, bold } = picocolors.createColors(color);
  return { green, red, yellow, dim, bold };
}

/**
 * Whether colour should be used on a stream. NO_COLOR (set and not empty) turns it off;
 * otherwise FORCE_COLOR (set, and not `0` or `false`) turns it on; otherwise TERM=dumb turns it
 * off; otherwise the stream gets colour when it is a terminal.
 */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.toLowerCase());
  if (env.TERM === "dumb") return false;
  return isTTY;
}
