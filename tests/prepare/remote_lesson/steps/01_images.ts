/**
 * Both images are on the engine this step's commands talk to: the prepared stand-in, and the
 * offline build that copied a file from a subfolder of its context.
 * @module
 */
import type { Step } from "../../../../lib/mod.ts";

export default {
  id: "images",
  title: "The prepared and the built image are here",
  commands: [
    {
      run:
        `docker image inspect --format '{{index .Config.Labels "run-lesson.stand-in.for"}}' alpine:latest`,
      stdout: "alpine:latest",
    },
    {
      run: "docker run --rm run-lesson-test/nested-context:1 cat /sub/deep/file.txt",
      stdout: "from a subfolder of the build context",
    },
  ],
} satisfies Step;
