/**
 * A tutorial read into sections becomes a lesson: one step per section that shows commands, one
 * command per command line, the Output block under it as its expectation (volatile values as
 * placeholders, repeated ones as named captures), stop conditions, sessions, tags for the
 * commands that need the internet, the images and builds the index needs, and a review note on
 * every guess.
 * @module
 */
import { dirname } from "node:path";
import type { Command, LessonIndex } from "../lesson/types.ts";
import { planBuilds } from "./build_context.ts";
import { planCaptures, type Slot } from "./captures.ts";
import { parseDockerBuild, parseDockerRun, uniqueImages } from "./docker_line.ts";
import {
  draftExpectation,
  draftSlots,
  type ExpectationDraft,
  finishExpectation,
} from "./expectation_draft.ts";
import { needsNetwork } from "./network_tags.ts";
import { outputHint } from "./capture_names.ts";
import { ServiceWaits } from "./service_wait.ts";
import { planSessions } from "./sessions.ts";
import { planEnd } from "./stop_condition.ts";
import type { DocCommand, DocSection, DocSource, ReviewNote } from "./types.ts";

/** A command of a planned step, with the comments written above it. */
export interface PlannedCommand {
  /** The command's data. */
  command: Command;
  /** Comment lines above it (`review: …` for guesses). */
  comments: string[];
}

/** A planned step module. */
export interface PlannedStep {
  /** The step id. */
  id: string;
  /** Its title (the section's heading). */
  title: string;
  /** Its module path relative to the lesson folder: `steps/NN_slug.ts`. */
  file: string;
  /** Its commands. */
  commands: PlannedCommand[];
  /** The section it comes from. */
  section: DocSection;
}

/** A planned lesson, ready to be written. */
export interface LessonPlan {
  /** The index's data. */
  index: LessonIndex;
  /** The steps. */
  steps: PlannedStep[];
  /** Files to write (build contexts), by lesson-relative path. */
  files: Map<string, string>;
  /** Folders to copy into the lesson. */
  copies: Array<{ from: string; to: string }>;
  /** Every guess, in order. */
  notes: ReviewNote[];
}

interface Pending {
  planned: PlannedCommand;
  drafts: Array<{ stream: "stdout" | "stderr"; draft: ExpectationDraft }>;
  run: Slot;
}

/** "Creating a User-Defined Network" → "creating-a-user-defined-network" (at most 40 long). */
export function slugify(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length <= 40) return slug || "step";
  const cut = slug.slice(0, 41);
  return cut.slice(0, cut.lastIndexOf("-") > 10 ? cut.lastIndexOf("-") : 40);
}

/** Plans the lesson of a tutorial read from `sourcePath`. */
export function planLesson(doc: DocSource, sourcePath: string, fallbackTitle: string): LessonPlan {
  const notes: ReviewNote[] = [];
  const steps: PlannedStep[] = [];
  const ids = new Set<string>();
  const sections = doc.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.commands.length > 0);
  sections.forEach(({ s }, n) => {
    let id = s.marker ?? slugify(s.title || doc.title || fallbackTitle);
    for (let k = 2; ids.has(id); k++) id = `${s.marker ?? slugify(s.title)}-${k}`;
    ids.add(id);
    const file = `steps/${String(n + 1).padStart(2, "0")}_${id.replace(/-/g, "_")}.ts`;
    steps.push({
      id,
      title: s.title || doc.title || fallbackTitle,
      file,
      commands: [],
      section: s,
    });
  });
  const flat = steps.flatMap((step, k) =>
    step.section.commands.map((c) => ({ c, step, section: sections[k].i }))
  );
  const files = doc.sections.flatMap((s, i) => s.files.map((f) => ({ ...f, section: i })));
  const builds = planBuilds(
    flat.map(({ c, step, section }) => ({ run: c.run, step: step.id, section })),
    files,
    dirname(sourcePath),
  );
  const pending: Pending[] = [];
  const sessionsTaken = new Set<string>();
  const waits = new ServiceWaits();
  let flatIndex = 0;
  for (const step of steps) {
    const runs = step.section.commands.map((c) => c.run);
    const sessions = planSessions(runs, sessionsTaken);
    const hidden = (run: string, comment: string, extra: Partial<Command> = {}) => {
      step.commands.push({
        command: { run, ...extra, doc: false },
        comments: [`review: ${comment}`],
      });
      notes.push({ where: step.id, text: `${comment} (${JSON.stringify(run.split("\n")[0])})` });
    };
    step.section.commands.forEach((doc, i) => {
      if (sessions.exitsBefore.includes(i)) {
        hidden("exit", "the doc never leaves this session: an exit it does not show", {
          where: { kind: "session", session: (sessions.where[i - 1] ?? sessions.opens[i - 1])! },
        });
      }
      const enter = builds.enter.get(flatIndex);
      if (enter) hidden(`cd ${enter}`, "enter the build context the doc's files were written to");
      const p = _command(doc, sessions.where[i], sessions.opens[i]);
      step.commands.push(p.planned);
      pending.push(p);
      for (const text of p.planned.comments.filter((c) => c.startsWith("review: "))) {
        notes.push({
          where: step.id,
          text: `${text.slice(8)} (${JSON.stringify(_firstLine(doc))})`,
        });
      }
      if (enter) hidden("cd ..", "leave the build context");
      if (sessions.where[i] === undefined) {
        waits.started(doc.run);
        const wait = waits.after(doc.run);
        if (wait) {
          hidden(
            wait.run,
            `wait for port ${wait.port} to answer (starting ${wait.container} again if it exited)`,
            { timeoutMs: 70_000 },
          );
        }
      }
      flatIndex++;
    });
    if (sessions.exitsBefore.includes(runs.length)) {
      const open = sessions.where[runs.length - 1] ?? sessions.opens[runs.length - 1];
      hidden("exit", "the doc never leaves this session: an exit it does not show", {
        where: { kind: "session", session: open! },
      });
    }
  }
  const report = planCaptures(
    pending.flatMap((p) => [p.run, ...p.drafts.flatMap((d) => draftSlots(d.draft))]),
  );
  for (const p of pending) {
    if (p.run.pattern !== undefined) p.planned.command.run = p.run.pattern;
    for (const d of p.drafts) p.planned.command[d.stream] = finishExpectation(d.draft);
  }
  for (const id of [...new Set(report.madeUp)]) {
    notes.push({
      where: "lesson",
      text: `the doc shows a made-up ID for ${id}: matched as {{id}}`,
    });
  }
  for (const note of builds.notes) notes.push(note);
  const built = new Set(builds.builds.map((b) => b.image));
  const images = uniqueImages([
    ...flat.map(({ c }) => parseDockerRun(c.run)?.image ?? "").filter((i) => i && !built.has(i)),
    ...builds.bases,
  ]);
  const docker = flat.some(({ c }) => /^(?:sudo\s+)?(?:docker|podman)\b/.test(c.run.trim()));
  const index: LessonIndex = {
    title: doc.title || fallbackTitle,
    ...(docker ? { target: "docker" as const } : { target: "local" as const }),
    ...(docker && images.length > 0 ? { images } : {}),
    ...(builds.builds.length > 0 ? { builds: builds.builds } : {}),
    steps: steps.map((s) => s.file),
  };
  return { index, steps, files: builds.files, copies: builds.copies, notes };
}

function _firstLine(doc: DocCommand): string {
  return doc.run.split("\n")[0];
}

/** One doc command as a lesson command, its expectations still drafts. */
function _command(doc: DocCommand, session?: string, opens?: string): Pending {
  const command: Command = { run: doc.run };
  const comments: string[] = doc.comment ? [doc.comment] : [];
  const review = (text: string) => comments.push(`review: ${text}`);
  const drafts: Pending["drafts"] = [];
  if (session) command.where = { kind: "session", session };
  if (opens) command.opens = opens;
  const output = doc.output ??
    (doc.inlineOutput !== undefined && doc.inlineOutput !== ""
      ? { text: doc.inlineOutput, line: doc.line }
      : undefined);
  if (output?.under) {
    review(`the doc shows one Output under ${output.under} commands: taken as this one's`);
  }
  const network = needsNetwork(doc.run);
  if (network) {
    command.tags = ["network"];
    command.stdout = { kind: "any" };
    if (parseDockerBuild(doc.run)) {
      command.stderr = { kind: "any" };
      command.timeoutMs = 600_000;
    }
    review("needs the internet: tagged network (skipped with --offline), output not compared");
  } else if (!opens && !(session && doc.run.trim() === "exit")) {
    const end = planEnd(doc.run, output?.text);
    if (end.stop) command.stop = end.stop;
    if (end.timeoutMs) command.timeoutMs = end.timeoutMs;
    if (end.note) review(end.note);
    if (end.output !== undefined && end.output.trim() !== "" && output) {
      const stream = output.stderr ? "stderr" : "stdout";
      const { draft, notes } = draftExpectation(doc.run, end.output, {
        partial: output.partial,
        hint: outputHint(doc.run, end.output),
      });
      drafts.push({ stream, draft });
      for (const note of notes) review(note);
    }
    if (output && "exitCode" in output && output.exitCode !== undefined && output.exitCode !== 0) {
      command.exitCode = output.exitCode;
    }
  }
  return { planned: { command, comments }, drafts, run: { text: doc.run, role: "run" } };
}
