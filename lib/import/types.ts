/**
 * Types of `run-lesson import`: a tutorial read into sections of commands, outputs and files
 * (the same shape from markdown and from text copied off a web page), and the review notes the
 * import attaches to the guesses it is unsure of.
 * @module
 */

/** The Output block a tutorial shows under a command, with what its label says. */
export interface DocOutput {
  /** The text as the doc shows it, lines joined with `\n`. */
  text: string;
  /** The label says the text is on stderr ("Output (on stderr, exit code 1):"). */
  stderr?: boolean;
  /** The exit code the label names. */
  exitCode?: number;
  /** The label says the text is only part of the output ("abridged", "the `X` part"). */
  partial?: boolean;
  /** 1-based line of the output's first line in the source. */
  line: number;
  /** The block stood under this many commands, and the import chose this one. */
  under?: number;
}

/** A command as the tutorial shows it. */
export interface DocCommand {
  /** The text as typed, continuation lines joined as the doc shows them. */
  run: string;
  /** 1-based line of its first line in the source. */
  line: number;
  /** A comment the doc put on the line before it (`# …` in a shell block). */
  comment?: string;
  /** The output the doc shows for it. */
  output?: DocOutput;
  /** Lines shown after a prompt in a console block (`$ cmd` then its output). */
  inlineOutput?: string;
  /** Which block of consecutive commands it belongs to (an Output block follows a block). */
  block: number;
}

/** A file whose content the tutorial shows ("File: agent.py", or a heredoc). */
export interface DocFile {
  /** The file name as the doc gives it (a relative path). */
  path: string;
  /** Its content. */
  text: string;
  /** 1-based line where it starts in the source. */
  line: number;
  /** Indentation was lost (text copied off a web page): the import had to guess it. */
  flattened?: boolean;
  /** A command of the doc writes it (a heredoc): the run makes it, the import need not. */
  byCommand?: boolean;
}

/** One section of the tutorial: a heading and what it shows. */
export interface DocSection {
  /** The heading's text, without markers. */
  title: string;
  /** 1-based line of the heading (0 for text before the first heading). */
  line: number;
  /** Its commands in order. */
  commands: DocCommand[];
  /** The files it shows. */
  files: DocFile[];
  /** The step id a `<!-- step: id -->` marker under the heading already gives it. */
  marker?: string;
  /** Offset just after the heading line in the source (where a step marker goes). */
  headingEnd?: number;
  /** Prose and other blocks of the section, for a doc written from text. */
  body?: DocBody[];
}

/** A piece of a section as a doc written from text shows it, in order. */
export type DocBody =
  | { kind: "prose"; text: string }
  | { kind: "commands"; runs: string[]; console?: boolean }
  | { kind: "output"; text: string }
  | { kind: "file"; path: string; text: string };

/** A tutorial read into sections. */
export interface DocSource {
  /** The document's title (its first top-level heading), when it has one. */
  title?: string;
  /** Its sections, in order (those without commands included). */
  sections: DocSection[];
  /** The source lines taken as commands (text mode says which). */
  commandLines: number[];
}

/** A guess the import is unsure of: a `// review:` comment in the step and a line of its report. */
export interface ReviewNote {
  /** Where: the step id, or "lesson" for the index. */
  where: string;
  /** What was guessed and why. */
  text: string;
}
