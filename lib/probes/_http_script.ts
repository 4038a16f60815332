/**
 * The shell side of the HTTP probe: one request with curl when the image has it, else busybox
 * `wget -S`, and the reading of what the script prints.
 * @module
 */
import { shellQuote } from "../shell_quote.ts";

/** One request. */
export interface HttpRequest {
  /** The method. */
  method: "GET" | "POST";
  /** The URL. */
  url: string;
  /** Request headers. */
  headers: Record<string, string>;
  /** The request body (POST). */
  body?: string;
  /** curl's time limit in seconds. */
  maxSeconds: number;
}

/** What the script reports. */
export interface HttpReply {
  /** `curl` or `wget`. */
  tool: string;
  /** The tool's exit code. */
  exitCode: number;
  /** The last status line, e.g. `HTTP/1.1 200 OK`; empty when no answer came. */
  statusLine: string;
  /** The status code from the status line; undefined when no answer came. */
  status?: number;
  /** The tool's error lines. */
  errors: string[];
  /** The response body (empty for busybox wget on an error status). */
  body: string;
}

/** A POSIX shell script that makes the request and prints a reply {@link parseHttpReply} reads. */
export function httpScript(request: HttpRequest): string {
  const curlArgs = [
    "-sS",
    "-o /tmp/rl-body",
    "-D /tmp/rl-head",
    `--max-time ${request.maxSeconds}`,
  ];
  curlArgs.push(`-X ${request.method}`);
  const wgetArgs = ["-q", "-S", "-O /tmp/rl-body"];
  for (const [name, value] of Object.entries(request.headers)) {
    curlArgs.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    wgetArgs.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  }
  if (request.method === "POST") {
    curlArgs.push(`--data-raw ${shellQuote(request.body ?? "")}`);
    wgetArgs.push(`--post-data ${shellQuote(request.body ?? "")}`);
  }
  const url = shellQuote(request.url);
  return [
    "if command -v curl >/dev/null 2>&1; then",
    `  curl ${curlArgs.join(" ")} ${url} 2>/tmp/rl-err; rc=$?; tool=curl`,
    `  status=$(grep '^HTTP/' /tmp/rl-head 2>/dev/null | tail -n 1)`,
    "else",
    `  wget ${wgetArgs.join(" ")} ${url} 2>/tmp/rl-err; rc=$?; tool=wget`,
    `  status=$(grep '^ *HTTP/' /tmp/rl-err | tail -n 1)`,
    "fi",
    'echo "tool $tool"',
    'echo "exit $rc"',
    'echo "status $status" | tr -d "\\r"',
    "grep -v '^ ' /tmp/rl-err | grep -v '^$' | sed 's/^/error /'",
    'echo "body"',
    "cat /tmp/rl-body 2>/dev/null",
    "exit 0",
  ].join("\n");
}

/** Reads what {@link httpScript} printed; undefined when it is not that shape. */
export function parseHttpReply(stdout: string): HttpReply | undefined {
  const head = /^tool (\S+)\nexit (\d+)\nstatus ([^\n]*)\n((?:error [^\n]*\n)*)body\n/.exec(stdout);
  if (!head) return undefined;
  const statusLine = head[3].trim();
  const code = /^HTTP\/[\d.]+ (\d{3})/.exec(statusLine);
  return {
    tool: head[1],
    exitCode: Number(head[2]),
    statusLine,
    status: code ? Number(code[1]) : undefined,
    errors: head[4].split("\n").filter(Boolean).map((line) => line.slice("error ".length)),
    body: stdout.slice(head[0].length),
  };
}

/** Says in plain words why a request got no answer. */
export function whyNoAnswer(reply: HttpReply, url: URL, maxSeconds: number): string {
  const text = reply.errors.join("\n");
  const curl = reply.tool === "curl";
  const host = url.hostname;
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  if ((curl && reply.exitCode === 6) || /bad address|resolve/i.test(text)) {
    return `cannot resolve "${host}"`;
  }
  if ((curl && reply.exitCode === 7) || /can't connect|refused/i.test(text)) {
    return `cannot connect to ${host}:${port}`;
  }
  if ((curl && reply.exitCode === 28) || /timed out/i.test(text)) {
    return `no answer within ${maxSeconds} s`;
  }
  return reply.errors[0] ?? `${reply.tool} exited with ${reply.exitCode}`;
}
