/**
 * The `http` probe: one HTTP request made from the target host itself (so `localhost` is the
 * target's), with curl, else wget, else python3, and the status, body and JSON compared. The
 * request writes nothing on the host: the answer comes back on the script's stdout.
 * @module
 */
import { match } from "../../expect/mod.ts";
import type { Expectation } from "../../lesson/types.ts";
import { shellQuote } from "../../shell_quote.ts";
import { excerpt, Findings, hostProbe } from "./_host_probe.ts";

const KIND = "http";

/** One request. */
export interface HostHttpRequest {
  /** `GET` or `POST`. */
  method: string;
  /** The URL. */
  url: string;
  /** Request headers. */
  headers: Record<string, string>;
  /** The request body (POST). */
  data?: string;
  /** The tool's time limit in seconds. */
  maxSeconds: number;
}

/** Prints `HTTP/x code reason`, the headers, a blank line and the body, as `curl -i` does. */
const PYTHON = `
import sys, urllib.request, urllib.error
t, m, url, data, *hs = sys.argv[1:]
req = urllib.request.Request(url, method=m, data=data.encode() if m == "POST" else None)
for h in hs:
    k, v = h.split(": ", 1)
    req.add_header(k, v)
try:
    r = urllib.request.urlopen(req, timeout=float(t))
except urllib.error.HTTPError as e:
    r = e
except Exception as e:
    print(e, file=sys.stderr)
    sys.exit(7)
out = sys.stdout.buffer
out.write(b"HTTP/1.1 %d %s\\r\\n" % (r.status, r.reason.encode()))
for k, v in r.headers.items():
    out.write(("%s: %s\\r\\n" % (k, v)).encode())
out.write(b"\\r\\n" + r.read())
`;

/** The script: the request with the first tool the host has; sections `tool` and `resp`. */
export function httpScript(request: HostHttpRequest): string {
  const url = shellQuote(request.url);
  const headers = Object.entries(request.headers).map(([k, v]) => shellQuote(`${k}: ${v}`));
  const post = request.method === "POST";
  const data = shellQuote(request.data ?? "");
  // -q (first): no ~/.curlrc, whose settings (a cookie jar, an output file) could write.
  const curl = [
    `curl -q -sS -i --max-time ${request.maxSeconds} -X ${request.method}`,
    ...headers.map((h) => `-H ${h}`),
    post ? `--data-raw ${data}` : "",
    url,
  ].filter(Boolean).join(" ");
  // $__h: GNU wget's --no-hsts (no ~/.wget-hsts written) and time limit. Busybox's wget gets
  // neither (it has no --no-hsts, and Debian's crashes on -T): the target's time limit stops it.
  const wget = [
    "wget $__h -q -S -O -",
    ...headers.map((h) => `--header ${h}`),
    post ? `--post-data ${data}` : "",
    url,
  ].filter(Boolean).join(" ");
  // -B: no bytecode cache written for the modules it imports.
  const python = `python3 -B -c ${
    shellQuote(PYTHON)
  } ${request.maxSeconds} ${request.method} ${url} ${data} ${headers.join(" ")}`;
  return [
    `if have curl; then t=curl; elif have wget; then t=wget; elif have python3; then t=python3; ` +
    `else sec none; exit 0; fi`,
    "sec tool; echo $t; sec resp",
    `case $t in curl) ${curl};; wget) __h=; wget --help 2>&1 | grep -q -e --no-hsts && __h="--no-hsts -T ${request.maxSeconds}"; ${wget} 2>&1;; python3) ${python};; esac`,
    "__rc=$?; sec resp.rc $__rc",
  ].join("\n");
}

/** What came back: the final status line, its code, and the body; undefined when no answer. */
export interface HttpAnswer {
  /** The last status line, e.g. `HTTP/1.1 200 OK`. */
  statusLine: string;
  /** Its status code. */
  status: number;
  /** The body. */
  body: string;
}

/** Reads `curl -i` style output (1xx blocks skipped), or wget's `-S` headers before the body. */
export function parseHttpAnswer(tool: string, text: string): HttpAnswer | undefined {
  if (tool === "wget") {
    const lines = [...text.matchAll(/^ {2}(HTTP\/[\d.]+ (\d{3})[^\r\n]*)/gm)];
    const last = lines.at(-1);
    if (last === undefined) return undefined;
    const afterHeaders = text.slice(last.index!).search(/\r?\n(?! {2})/);
    const body = afterHeaders < 0
      ? ""
      : text.slice(last.index! + afterHeaders).replace(/^\r?\n/, "");
    return { statusLine: last[1].trim(), status: Number(last[2]), body };
  }
  let rest = text;
  for (;;) {
    const head = /^(HTTP\/[\d.]+ (\d{3})[^\r\n]*)\r?\n(?:[^\r\n]+\r?\n)*\r?\n/.exec(rest);
    if (!head) return undefined;
    rest = rest.slice(head[0].length);
    const status = Number(head[2]);
    if (status >= 200 || !rest.startsWith("HTTP/")) {
      return { statusLine: head[1].trim(), status, body: rest };
    }
  }
}

/** Makes the `http` probe. */
export const httpProbe = hostProbe(KIND, async ({ fields, ctx, script, cannotTell }) => {
  const url = fields.text("url");
  const data = fields.optionalText("data");
  const method = fields.optionalText("method") ?? (data === undefined ? "GET" : "POST");
  const status = fields.integer("status", 100, 599, 200);
  const headers = fields.textMap("headers") ?? {};
  if (!/^https?:\/\/[^\s]+$/.test(url)) {
    throw new TypeError(`Cannot run probe "${KIND}": field "url" must be an http or https URL`);
  }
  if (method !== "GET" && method !== "POST") {
    throw new TypeError(`Cannot run probe "${KIND}": field "method" must be "GET" or "POST"`);
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw new TypeError(`Cannot run probe "${KIND}": header ${JSON.stringify(name)} is invalid`);
    }
  }
  const maxSeconds = Math.max(1, Math.floor(ctx.timeoutMs / 1000) - 1);
  const out = await script(httpScript({ method, url, headers, data, maxSeconds }));
  const request = `${method} ${url}`;
  if (out.sections.has("none")) {
    return cannotTell(`${request}: the host has none of curl, wget and python3`);
  }
  const tool = out.section("tool").text.trim();
  const resp = out.section("resp");
  const answer = parseHttpAnswer(tool, resp.text);
  if (answer === undefined) {
    const said = `${resp.text}${out.stderr}`.trim();
    const evidence =
      `${request} from the target with ${tool}: no answer (exit ${resp.rc})\n${said}`;
    const message = `${request} got no answer: ${
      said.split("\n").at(-1) || `${tool} exit ${resp.rc}`
    }`;
    return { ok: false, evidence: evidence.trimEnd(), message };
  }
  const evidence = `${request} from the target with ${tool}: ${answer.statusLine}\n${
    excerpt(answer.body)
  }`.trimEnd();
  const findings = new Findings();
  if (answer.status !== status) {
    findings.add(`answered ${answer.statusLine.replace(/^HTTP\/[\d.]+ /, "")}, expected ${status}`);
  }
  const body = fields.raw("body") as Expectation | undefined;
  if (body !== undefined) {
    const matched = match(body, answer.body, { captures: ctx.captures });
    if (!matched.ok) findings.add(`body does not match: ${matched.mismatch?.message}`);
  }
  const json = fields.raw("json");
  if (json !== undefined) {
    const matched = match({ kind: "json", value: json }, answer.body, { captures: ctx.captures });
    if (!matched.ok) findings.add(`JSON body does not match: ${matched.mismatch?.message}`);
  }
  return findings.verdict(KIND, request, evidence);
});
