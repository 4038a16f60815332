/**
 * ANSI colours, as an option passed in: off for a non-TTY and under NO_COLOR.
 * @module
 */

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

const _wrap = (open: number, close: number) => (text: string) =>
  `\x1b[${open}m${text}\x1b[${close}m`;

/** A palette that colours when `color` is true. */
export function palette(color: boolean): Palette {
  if (!color) {
    const same = (text: string) => text;
    return { green: same, red: same, yellow: same, dim: same, bold: same };
  }
  return {
    green: _wrap(32, 39),
    red: _wrap(31, 39),
    yellow: _wrap(33, 39),
    dim: _wrap(2, 22),
    bold: _wrap(1, 22),
  };
}

/** Whether colour should be used on a stream: a TTY, and NO_COLOR unset or empty. */
export function useColor(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  return isTTY && !env.NO_COLOR;
}
