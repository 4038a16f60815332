/**
 * The stack of open block containers (block quotes and list items) of the markdown parser, with
 * running sums so that a line continuing thousands of nested list items is matched in one step
 * (a binary search) instead of one container at a time.
 * @module
 */

/** An open container: a block quote, or a list item whose content starts `width` columns in. */
export type Container = { kind: "quote" } | { kind: "item"; width: number };

/** Open containers, outermost first. */
export class ContainerStack {
  #items: Container[] = [];
  // widths[i]: total width of the list items among the first i containers; quotes[i]: quotes.
  #widths: number[] = [0];
  #quotes: number[] = [0];

  /** How many containers are open. */
  get length(): number {
    return this.#items.length;
  }

  /** The container at `index` (0 is the outermost). */
  at(index: number): Container {
    return this.#items[index];
  }

  /** Opens a container inside the others. */
  push(container: Container): void {
    const n = this.#items.length;
    this.#items.push(container);
    this.#widths.push(this.#widths[n] + (container.kind === "item" ? container.width : 0));
    this.#quotes.push(this.#quotes[n] + (container.kind === "quote" ? 1 : 0));
  }

  /** Closes every container after the first `keep`. */
  truncate(keep: number): void {
    this.#items.length = keep;
    this.#widths.length = keep + 1;
    this.#quotes.length = keep + 1;
  }

  /**
   * From `from`, the end of the run of list items whose widths add up to at most `cols`
   * (`Infinity` for a blank line, which every item continues): the index of the first
   * container not continued that way, and the columns those items take.
   */
  items(from: number, cols: number): { end: number; width: number } {
    const quotes = this.#quotes[from];
    const widths = this.#widths;
    // The largest end in [from, length] with no quote in [from, end) and the widths fitting.
    let lo = from;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#quotes[mid] === quotes && widths[mid] - widths[from] <= cols) lo = mid;
      else hi = mid - 1;
    }
    return { end: lo, width: widths[lo] - widths[from] };
  }
}
