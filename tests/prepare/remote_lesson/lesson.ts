/**
 * A lesson for the preparation tests: it needs an image (`alpine:latest`, a stand-in) and
 * builds one from a context with a file in a subfolder, then checks both on its own engine.
 * @module
 */
import type { LessonIndex } from "../../../lib/mod.ts";

export default {
  title: "Images prepared on the engine the lesson runs on",
  target: "docker",
  images: ["alpine:latest"],
  builds: [{
    image: "run-lesson-test/nested-context:1",
    context: "context",
    offlineDockerfile: "Dockerfile.offline",
  }],
  steps: ["steps/01_images.ts"],
} satisfies LessonIndex;
