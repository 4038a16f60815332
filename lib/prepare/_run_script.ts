/**
 * Runs one stand-in build script with bash (argv only, no shell string), passing its stdout
 * lines on as they come and keeping the tail of its stderr for the failure message.
 *
 * A script may also ask its caller to do something and wait for the answer: it prints
 * `@key value` lines, then a bare `@verb` line, and reads one reply line from its stdin. The
 * stand-ins ask this way for their root filesystem to be imported through the caller's engine.
 * @module
 */
import { spawn } from "node:child_process";

/** How a script run ended. */
export interface ScriptRun {
  /** The exit code; null when a signal ended it or it could not start. */
  exitCode: number | null;
  /** Every stdout line (requests left out). */
  stdout: string[];
  /** The last stderr lines (at most 30). */
  stderrTail: string[];
  /** Why it could not start, when it could not. */
  spawnError?: string;
}

/** One request of a script: the bare `@verb` and the `@key value` lines before it. */
export interface ScriptRequest {
  /** The verb, e.g. `import`. */
  verb: string;
  /** The fields in order; a key may repeat (`change`). */
  fields: Array<[key: string, value: string]>;
}

/** Answers a request with the one line the script reads. */
export type RequestHandler = (request: ScriptRequest) => Promise<string>;

/**
 * Runs `bash script ...args` with extra environment variables, calling `onLine` per stdout line
 * and `onRequest` per request (answered `unsupported` when absent).
 */
export function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
  onLine: (line: string) => void,
  onRequest?: RequestHandler,
): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const stdout: string[] = [];
    const stderrTail: string[] = [];
    const child = spawn("bash", [script, ...args], {
      env: { ...process.env, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    // The script may end without reading its reply.
    child.stdin.on("error", () => {});
    let fields: ScriptRequest["fields"] = [];
    const take = (line: string) => {
      const request = /^@([a-z-]+)(?: (.*))?$/.exec(line);
      if (!request) {
        stdout.push(line);
        onLine(line);
      } else if (request[2] !== undefined) {
        fields.push([request[1], request[2]]);
      } else {
        const asked = { verb: request[1], fields };
        fields = [];
        (onRequest ?? (() => Promise.resolve("unsupported")))(asked)
          .catch((error: Error) => `failed: ${error.message.replaceAll("\n", " ")}`)
          .then((reply) => child.stdin.write(`${reply}\n`));
      }
    };
    let outRest = "";
    let errRest = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const lines = (outRest + chunk).split("\n");
      outRest = lines.pop() ?? "";
      lines.forEach(take);
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
      if (outRest !== "") take(outRest);
      if (errRest !== "") stderrTail.push(errRest);
      child.stdin.destroy();
      resolve({ exitCode: code, stdout, stderrTail });
    });
  });
}
