#!/usr/bin/env node
// Launcher for `npx run-lesson`: registers tsx so the TypeScript entry runs on Node.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
