/**
 * Runs one stand-in build script with bash (argv only, no shell string), passing its stdout
 * lines on as they come and keeping the tail of its stderr for the failure message.
 * @module
 */
import { spawn } from "node:child_process";

/** How a script run ended. */
export interface ScriptRun {
  /** The exit code; null when a signal ended it or it could not start. */
  exitCode: number | null;
  /** Every stdout line. */
  stdout: string[];
  /** The last stderr lines (at most 30). */
  stderrTail: string[];
  /** Why it could not start, when it could not. */
  spawnError?: string;
}

/** Runs `bash script ...args` with extra environment variables, calling `onLine` per stdout line. */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const stdout: string[] = [];
    const stderrTail: string[] = [];
    const child = spawn("bash", [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let outRest = "";
    let errRest = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (outRest + chunk).split("\n");
      outRest = lines.pop() ?? "";
      for (const line of lines) {
        stdout.push(line);
        onLine(line);
      }
    });
    child.stderr.on("data", (chunk: string) => {
      const lines = (errRest + chunk).split("\n");
      errRest = lines.pop() ?? "";
      stderrTail.push(...lines);
      stderrTail.splice(0, Math.max(0, stderrTail.length - 30));
    });
    child.on("error", (error) => {
      resolve({ exitCode: null, stdout, stderrTail, spawnError: error.message });
    });
    child.on("close", (code) => {
      if (outRest !== "") {
        stdout.push(outRest);
        onLine(outRest);
      }
      if (errRest !== "") stderrTail.push(errRest);
      resolve({ exitCode: code, stdout, stderrTail });
    });
  });
}
