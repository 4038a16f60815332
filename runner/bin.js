#!/usr/bin/env node
// Launcher for `npx run-lesson` and `deno run -A npm:run-lesson`.
//
// On Node it registers tsx, so that the TypeScript entry and the lessons' TypeScript run.
// Deno strips the types of a course's own TypeScript but not of TypeScript inside an npm
// package (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING), so from node_modules it runs the
// JavaScript the package ships in dist/ (built by `npm run build`, before every `npm pack`).
const fromPackage = import.meta.url.includes("/node_modules/");
if ("Deno" in globalThis) {
  const entry = fromPackage ? "../dist/runner/main.js" : "./main.ts";
  let runProgram;
  try {
    ({ runProgram } = await import(entry));
  } catch (error) {
    if (!fromPackage || !/dist\/runner\/main\.js/.test(String(error))) throw error;
    process.stderr.write(
      "run-lesson: this copy of the package has no dist/ (it was not built with npm run build)\n",
    );
    process.exit(2);
  }
  await runProgram();
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { runProgram } = await import("./main.ts");
  await runProgram();
}
