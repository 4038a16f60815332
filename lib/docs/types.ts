/**
 * Types of the doc rewriter: the parsed markdown, the links between its code blocks and the
 * lesson's commands, and the verdict on each Output block.
 * @module
 */
import type { Command } from "../lesson/types.ts";
import type { MatchResult } from "../expect/types.ts";

/** What every parsed element has: where it is in the source text. */
export interface ElementBase {
  /** 1-based line of the element's first line. */
  line: number;
  /** Offset of the element's first line in the source text (UTF-16 code units). */
  start: number;
  /** Offset just after the element's last line, line ending included. */
  end: number;
}

/** A paragraph: prose, with container markers and leading indentation removed. */
export interface Paragraph extends ElementBase {
  /** Discriminant. */
  kind: "paragraph";
  /** Its lines, joined with `\n`. */
  text: string;
}

/** An ATX or setext heading. */
export interface Heading extends ElementBase {
  /** Discriminant. */
  kind: "heading";
  /** The heading's raw text (markers included). */
  text: string;
}

/** An HTML block, such as a `<!-- run-lesson: step#0 -->` marker comment. */
export interface HtmlBlock extends ElementBase {
  /** Discriminant. */
  kind: "html";
  /** Its lines, joined with `\n`. */
  text: string;
}

/** A thematic break (`---`, `***`). */
export interface ThematicBreak extends ElementBase {
  /** Discriminant. */
  kind: "thematic";
}

/** An indented code block: recognised so that it is never taken for prose or a command. */
export interface IndentedBlock extends ElementBase {
  /** Discriminant. */
  kind: "indented";
  /** Its content with the four columns of indentation removed, joined with `\n`. */
  text: string;
}

/** A fenced code block (``` or ~~~, any length from 3). */
export interface FencedBlock extends ElementBase {
  /** Discriminant. */
  kind: "fenced";
  /** The opening fence as written, e.g. "```" or "~~~~". */
  fence: string;
  /** The info string, trimmed (`sh`, `text`, `console title="x"`). */
  info: string;
  /** The content, container prefixes and fence indentation removed, lines joined with `\n`. */
  text: string;
  /** Offset of the first content line (just after the opening fence line). */
  contentStart: number;
  /** Offset just after the last content line (the closing fence line's start when closed). */
  contentEnd: number;
  /** Whether a closing fence ends it (else it runs to the end of its container). */
  closed: boolean;
  /** What precedes each content line when it is rewritten (container markers as spaces). */
  prefix: string;
  /** The opening fence line's line ending, used for rewritten content lines. */
  eol: string;
}

/** One block-level element of a markdown document. */
export type DocElement =
  | Paragraph
  | Heading
  | HtmlBlock
  | ThematicBreak
  | IndentedBlock
  | FencedBlock;

/** A command of the lesson that the doc may show. */
export interface DocCommand {
  /** The step's id. */
  step: string;
  /** 0-based index of the command within the step. */
  index: number;
  /** The command as the step declares it. */
  command: Command;
  /** Its text as compared with command blocks (see `normalizeCommand`). */
  text: string;
}

/** An Output block: a fenced block shown after a command block under an "Output" paragraph. */
export interface OutputBlock {
  /** The fenced block whose content is the sample output. */
  block: FencedBlock;
  /** The paragraph above it, starting with "Output". */
  paragraph: Paragraph;
  /** Which stream it shows: stderr when the paragraph says so. */
  stream: "stdout" | "stderr";
  /** Whether the paragraph says it shows only part of the output ("abridged", "part"). */
  abridged: boolean;
}

/** A command block of the doc linked to the step command it shows. */
export interface DocLink extends DocCommand {
  /** The command block. */
  block: FencedBlock;
  /** How it was linked: by its text, or by a marker comment. */
  via: "text" | "marker";
  /** Its Output block, when it has one. */
  output?: OutputBlock;
}

/** A problem that stops the doc from being linked (a bad marker comment). */
export interface DocProblem {
  /** 1-based line of the marker. */
  line: number;
  /** What is wrong, in one line. */
  message: string;
}

/** The result of linking a doc to its lesson. */
export interface LinkResult {
  /** Linked command blocks, in document order. */
  links: DocLink[];
  /** Command blocks no step command matches (doc commands no step runs). */
  unlinked: FencedBlock[];
  /** Step commands shown by no command block (`doc: false` commands excluded). */
  undocumented: DocCommand[];
  /** Bad markers; a doc with problems is not checked. */
  problems: DocProblem[];
}

/** The verdict on one Output block. */
export type Verdict =
  & {
    /** The command block and its Output block. */
    link: DocLink & { output: OutputBlock };
  }
  & (
    | {
      /** The block satisfies the command's expectation (or equals its output). */
      status: "fresh";
    }
    | {
      /** The block does not match: it should show `actual`. */
      status: "stale";
      /** Why, in one line (the first mismatch). */
      reason: string;
      /** The real output of the block's stream, normalised: what an update writes. */
      actual: string;
      /** The match of the doc's text that failed, when an expectation was used. */
      result?: MatchResult;
      /** Set when `actual` cannot be written into this block (it would close the fence). */
      unwritable?: string;
    }
    | {
      /** The block was not compared (abridged, skipped command, no closing fence). */
      status: "not-compared";
      /** Why, in a few words. */
      reason: string;
    }
    | {
      /** The command failed or could not run, so the block cannot be verified. */
      status: "failed";
      /** The command's failure reason. */
      reason: string;
    }
  );
