/**
 * The files `run-lesson new` writes: a lesson that passes as it is (`run-lesson <dir>` and
 * `run-lesson test <dir>`), with one step that has a command, its expected output and a check, a
 * clean-up step, a self-test with one broken state, and a doc whose step marker links it to the
 * step. Types come from the `run-lesson` package (`import type`, erased when the lesson runs).
 * @module
 */

/** The target kinds a new lesson can be made for. */
export const NEW_LESSON_TARGETS = ["local", "docker"] as const;

/** A target kind a new lesson can be made for. */
export type NewLessonTarget = (typeof NEW_LESSON_TARGETS)[number];

/** What a new lesson is made from. */
export interface NewLessonOptions {
  /** The lesson's title. */
  title: string;
  /** Where its commands run: this machine's shell, or with Docker (containers cleaned up). */
  target: NewLessonTarget;
  /** A name for what the lesson creates (a container name), letters, digits and `-`. */
  name: string;
}

/** The files of a new lesson, by path relative to its folder. */
export function newLessonFiles(options: NewLessonOptions): Record<string, string> {
  const parts = options.target === "docker" ? _docker(options.name) : _local();
  return {
    "lesson.ts": _index(options),
    "steps/01_first_step.ts": parts.step,
    "steps/02_clean_up.ts": parts.cleanUp,
    "selftest.ts": parts.selfTest,
    "README.md": _doc(options.title, parts),
  };
}

/** What differs between the targets. */
interface TargetParts {
  step: string;
  cleanUp: string;
  selfTest: string;
  /** The doc's command, its output, and the clean-up command. */
  doc: { intro: string; command: string; output: string; cleanUp: string };
}

function _index({ title, target }: NewLessonOptions): string {
  const images = target === "docker" ? `\n  images: ["alpine:latest"],` : "";
  return `import type { LessonIndex } from "run-lesson";

export default {
  title: ${JSON.stringify(title)},
  description: "What the learner will be able to do after this lesson, in a sentence or two.",
  target: "${target}",${images}
  steps: ["steps/01_first_step.ts", "steps/02_clean_up.ts"],
} satisfies LessonIndex;
`;
}

function _local(): TargetParts {
  const command = 'echo "hello, world" > greeting.txt && cat greeting.txt';
  return {
    step: _step(
      command,
      '"hello, world"',
      `{ kind: "shell", run: "cat greeting.txt", stdout: "hello, world" }`,
      "greeting-written",
      "greeting.txt says hello, world",
      "Run the command of this step in the lesson's folder.",
    ),
    cleanUp: _cleanUpStep("rm greeting.txt"),
    selfTest: _selfTest(
      "greeting-missing",
      "greeting.txt was removed",
      "rm greeting.txt",
      'echo "hello, world" > greeting.txt',
      "greeting-written",
    ),
    doc: {
      intro: "Commands of a local lesson run in a shell on this machine, in the lesson's folder.",
      command,
      output: "hello, world",
      cleanUp: "rm greeting.txt",
    },
  };
}

function _docker(name: string): TargetParts {
  const container = `${name}-box`;
  const command = `docker run -d --name ${container} alpine:latest sleep 600`;
  return {
    step: _step(
      command,
      '"{{box_id:id}}"',
      `{ kind: "docker.container", container: "${container}", running: true }`,
      "box-running",
      `the container ${container} is running`,
      `Start it with the command of this step; \`docker ps -a\` shows whether it exited.`,
    ),
    cleanUp: _cleanUpStep(`docker rm -f ${container}`),
    selfTest: _selfTest(
      "box-stopped",
      `${container} is stopped`,
      `docker stop -t 0 ${container}`,
      `docker start ${container}`,
      "box-running",
    ),
    doc: {
      intro: "Every container, network and volume the lesson's commands create is removed at the" +
        " end of a run.",
      command,
      output: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
      cleanUp: `docker rm -f ${container}`,
    },
  };
}

function _step(
  command: string,
  stdout: string,
  probe: string,
  checkId: string,
  checkTitle: string,
  hint: string,
): string {
  return `import type { Step } from "run-lesson";

export default {
  id: "first-step",
  title: "The first step",
  commands: [
    {
      // The command exactly as the doc shows it, and the output the learner should see.
      run: ${JSON.stringify(command)},
      stdout: ${stdout},
    },
  ],
  checks: [
    {
      // A read-only look at what the step left; \`run-lesson check\` runs only these.
      id: "${checkId}",
      title: ${JSON.stringify(checkTitle)},
      hint: ${JSON.stringify(hint)},
      probe: ${probe},
    },
  ],
} satisfies Step;
`;
}

function _cleanUpStep(command: string): string {
  return `import type { Step } from "run-lesson";

export default {
  id: "clean-up",
  title: "Clean up",
  commands: [{ run: ${JSON.stringify(command)} }],
} satisfies Step;
`;
}

function _selfTest(id: string, title: string, brk: string, repair: string, fails: string) {
  return `import type { SelfTestSpec } from "run-lesson";

// \`run-lesson test\`: every check fails before the lesson, passes after "first-step", and in
// each broken state below exactly the checks in \`fails\` fail.
export default {
  finishedAfter: "first-step",
  broken: [
    {
      id: "${id}",
      title: ${JSON.stringify(title)},
      break: [${JSON.stringify(brk)}],
      repair: [${JSON.stringify(repair)}],
      fails: ["${fails}"],
    },
  ],
} satisfies SelfTestSpec;
`;
}

function _doc(title: string, { doc }: TargetParts): string {
  return `# ${title}

What this lesson teaches, for the learner. ${doc.intro}

## The first step

<!-- step: first-step -->

Run:

\`\`\`sh
${doc.command}
\`\`\`

Output:

\`\`\`text
${doc.output}
\`\`\`

## Clean up

<!-- step: clean-up -->

\`\`\`sh
${doc.cleanUp}
\`\`\`
`;
}
