#!/usr/bin/env node
// Launcher for `npx run-lesson`: registers tsx so the TypeScript entry runs on Node.
//
// Deno runs this file for `deno run -A npm:run-lesson`, but refuses to strip the types of the
// TypeScript it imports from inside an npm package (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING):
// say so in one line, with the way that works, rather than with a stack trace.
if ("Deno" in globalThis && import.meta.url.includes("/node_modules/")) {
  process.stderr.write(
    "run-lesson: Deno cannot run run-lesson's TypeScript from inside node_modules or npm:; " +
      "unpack the package outside node_modules and run deno run -A <folder>/runner/main.ts " +
      "(see the README, Install in your own course)\n",
  );
  process.exit(2);
}
const { register } = await import("tsx/esm/api");
register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
