// Builds the JavaScript the package ships for Deno, which does not strip the types of
// TypeScript inside an npm package: `dist/lib` and `dist/runner` from tsc, and `dist/lessons`,
// the bundled lessons with each module's JavaScript beside its TypeScript (the lesson loader
// looks for `lesson.ts` and the step files the index names, then imports their `.js`).
// Run by `npm run build`, which `npm pack` and `npm publish` run first (prepack).
import { spawnSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
rmSync(`${root}dist`, { recursive: true, force: true });
const tsc = spawnSync(
  process.execPath,
  [`${root}node_modules/typescript/bin/tsc`, "-p", `${root}tsconfig.build.json`],
  { stdio: "inherit" },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
cpSync(`${root}lessons`, `${root}dist/lessons`, { recursive: true });
