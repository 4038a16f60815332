/**
 * The `docker.http` probe: from a throwaway container on a network (or on the engine host's
 * network, where `localhost` means the host and its published ports), one HTTP request whose
 * status and JSON body are compared with the check's.
 * @module
 */
import { match } from "../expect/mod.ts";
import { networkMissing } from "./_find.ts";
import { dockerProbe } from "./_context.ts";
import { httpScript, parseHttpReply, whyNoAnswer } from "./_http_script.ts";
import { probeWhere } from "./_probe_container.ts";

const KIND = "docker.http";

/** How much of the body the evidence shows. */
const EVIDENCE_BODY_CHARS = 500;

/** Makes the `docker.http` probe for one engine. */
export const httpProbe = dockerProbe(
  KIND,
  async ({ fields, deadline, ctx, image, runScript, findNetwork }) => {
    const url = fields.text("url");
    const network = fields.optionalText("network");
    const status = fields.integer("status", 100, 599, 200);
    const body = fields.optionalText("body");
    const method = fields.optionalText("method") ?? (body === undefined ? "GET" : "POST");
    const headers = fields.textMap("headers") ?? {};
    const parsed = checkRequest(url, method, body, headers);
    const missing = await networkMissing(findNetwork, network);
    if (missing) return missing;

    const maxSeconds = Math.max(1, Math.floor(deadline.remainingMs() / 1000) - 1);
    const result = await runScript(
      network,
      httpScript({ method: method as "GET" | "POST", url, headers, body, maxSeconds }),
    );
    const reply = parseHttpReply(result.stdout);
    if (reply === undefined) {
      const output = (result.stdout + result.stderr).trim();
      throw new Error(`probe "${KIND}" cannot make a request in image "${image()}": ${output}`);
    }
    if (reply.exitCode === 127) {
      throw new Error(
        `probe "${KIND}" cannot make a request in image "${image()}": it has neither curl nor wget`,
      );
    }
    const request = `${method} ${url}`;
    if (reply.status === undefined) {
      const why = whyNoAnswer(reply, parsed, maxSeconds);
      const evidence = `${request} from ${probeWhere(network)}: no answer: ${why}\n${
        reply.errors.join("\n")
      }`.trimEnd();
      return { ok: false, evidence, message: `${request} got no answer: ${why}` };
    }
    const shown = reply.body.length > EVIDENCE_BODY_CHARS
      ? `${reply.body.slice(0, EVIDENCE_BODY_CHARS)}…`
      : reply.body;
    const evidence = `${request} from ${probeWhere(network)}: ${reply.statusLine}\n${shown}`
      .trimEnd();
    if (reply.status !== status) {
      const answered = reply.statusLine.replace(/^HTTP\/[\d.]+ /, "");
      return {
        ok: false,
        evidence,
        message: `${request} answered ${answered}, expected ${status}`,
      };
    }
    const json = fields.raw("json");
    if (json !== undefined) {
      const matched = match({ kind: "json", value: json }, reply.body, { captures: ctx.captures });
      if (!matched.ok) {
        return {
          ok: false,
          evidence,
          message: `${request} answered JSON that does not match: ${matched.mismatch?.message}`,
        };
      }
    }
    return { ok: true, evidence };
  },
);

/** Checks what the probe asks for before any container is made; returns the parsed URL. */
function checkRequest(
  url: string,
  method: string,
  body: string | undefined,
  headers: Record<string, string>,
): URL {
  const bad = (detail: string) => new TypeError(`Cannot run probe "${KIND}": ${detail}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(`field "url" must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw bad(`field "url" must be an http or https URL, got ${JSON.stringify(url)}`);
  }
  if (method !== "GET" && method !== "POST") {
    throw bad(`field "method" must be "GET" or "POST", got ${JSON.stringify(method)}`);
  }
  if (method === "GET" && body !== undefined) throw bad('field "body" needs method "POST"');
  for (const [name, value] of Object.entries(headers)) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name) || /[\r\n]/.test(value)) {
      throw bad(`header ${JSON.stringify(name)} is not a valid HTTP header`);
    }
  }
  return parsed;
}
