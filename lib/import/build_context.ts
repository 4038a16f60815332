/**
 * The images an imported lesson builds itself (`docker build -t TAG CONTEXT`) and where their
 * build contexts come from: the files the tutorial shows ("File: agent.py" blocks, `cat > f
 * <<EOF` heredocs) are written into the context folder, or a folder of that name next to the
 * imported doc is copied. A context that is the lesson's own folder becomes a folder named after
 * the image, entered and left around the build by commands the doc does not show. Each build
 * gets an offline Dockerfile: the given one without the RUN lines that download (the prepared
 * stand-in of its base image must carry what they installed), unless the context has one.
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize } from "node:path";
import { dockerfileBases, parseDockerBuild } from "./docker_line.ts";
import { downloadsAtBuild } from "./network_tags.ts";
import { reindentPython } from "./python_indent.ts";
import type { DocFile } from "./types.ts";

/** One command of the lesson, as the build planner sees it. */
export interface BuildInput {
  /** The command text. */
  run: string;
  /** The step it belongs to (for notes). */
  step: string;
  /** Index of its section in the doc (files shown in sections up to it are its context). */
  section: number;
}

/** What the lesson's builds need. */
export interface BuildPlan {
  /** The index's `builds`. */
  builds: Array<{ image: string; context: string; offlineDockerfile: string }>;
  /** Files to write, by path relative to the lesson folder. */
  files: Map<string, string>;
  /** Folders to copy into the lesson: source path to lesson-relative path. */
  copies: Array<{ from: string; to: string }>;
  /** Commands (by index) that get a hidden `cd DIR` before and `cd ..` after. */
  enter: Map<number, string>;
  /** Images the Dockerfiles start from. */
  bases: string[];
  /** Review notes, by step id. */
  notes: Array<{ where: string; text: string }>;
}

const OFFLINE = "Dockerfile.offline";

/** Splits a Dockerfile into instructions (continuation lines kept together). */
function _instructions(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const last = out[out.length - 1];
    if (last !== undefined && /\\\s*$/.test(last)) out[out.length - 1] = `${last}\n${line}`;
    else out.push(line);
  }
  return out;
}

/** The offline Dockerfile made from a Dockerfile: its downloading RUN lines left out. */
export function offlineDockerfile(dockerfile: string, image: string): string {
  const kept = _instructions(dockerfile.replace(/\n+$/, "")).filter((i) => !downloadsAtBuild(i));
  return `# The offline stand-in for the build of ${image}: the RUN lines that download were left\n` +
    `# out; the prepared stand-in of the base image must already carry what they installed.\n` +
    `${kept.join("\n")}\n`;
}

/** Plans the builds of a lesson's commands; `sourceDir` is the imported doc's folder. */
export function planBuilds(
  commands: BuildInput[],
  files: Array<DocFile & { section: number }>,
  sourceDir: string,
): BuildPlan {
  const plan: BuildPlan = {
    builds: [],
    files: new Map(),
    copies: [],
    enter: new Map(),
    bases: [],
    notes: [],
  };
  const used = new Set<DocFile>();
  let cwd = ".";
  commands.forEach((command, index) => {
    const cd = /^cd(?:\s+(\S+))?\s*$/.exec(command.run.trim());
    if (cd) {
      cwd = cd[1] && !cd[1].startsWith("~") ? normalize(join(cwd, cd[1])) : ".";
      return;
    }
    const build = parseDockerBuild(command.run);
    if (!build) return;
    const note = (text: string) => plan.notes.push({ where: command.step, text });
    if (!build.tag) return note("docker build without -t: no offline recipe for its image");
    let context = normalize(join(cwd, build.context));
    if (context.startsWith("..")) return note(`the build context ${context} is outside the lesson`);
    const shown = files.filter((f) => f.section <= command.section && !used.has(f));
    const dockerfileName = build.file ?? "Dockerfile";
    let dockerfile: string | undefined;
    let hasOffline = false;
    if (shown.some((f) => f.path === dockerfileName)) {
      if (context === ".") {
        context = build.tag.split(":")[0].split("/").pop()!;
        plan.enter.set(index, context);
        note(`the doc builds in the current folder: its files are in ${context}/, entered first`);
      }
      for (const file of shown) {
        used.add(file);
        let text = file.text;
        if (file.flattened && file.path.endsWith(".py")) {
          text = `${reindentPython(text).replace(/\n+$/, "")}\n`;
          note(`${file.path} lost its indentation in the doc: re-indented by guess, check it`);
        }
        plan.files.set(join(context, file.path), text);
        if (file.path === dockerfileName) dockerfile = text;
      }
    } else {
      const from = join(sourceDir, context);
      if (
        context !== "." && existsSync(join(from, dockerfileName)) && statSync(from).isDirectory()
      ) {
        plan.copies.push({ from, to: context });
        dockerfile = readFileSync(join(from, dockerfileName), "utf8");
        hasOffline = existsSync(join(from, OFFLINE));
        note(`the build context ${context}/ is copied from the doc's folder`);
      } else {
        note(`the doc does not show the build context: put its files in ${context}/`);
      }
    }
    if (dockerfile !== undefined) {
      plan.bases.push(...dockerfileBases(dockerfile));
      if (!hasOffline) {
        plan.files.set(join(context, OFFLINE), offlineDockerfile(dockerfile, build.tag));
        note(`${context}/${OFFLINE} is the Dockerfile without its downloading RUN lines`);
      }
    }
    plan.builds.push({ image: build.tag, context, offlineDockerfile: OFFLINE });
  });
  for (const file of files) {
    if (used.has(file) || file.byCommand) continue;
    plan.files.set(normalize(file.path), file.text);
    plan.notes.push({ where: "lesson", text: `${file.path} is written as the doc shows it` });
  }
  return plan;
}
