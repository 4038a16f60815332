/**
 * Which imported commands need the internet: package installs (`apk add`, `apt-get install`,
 * `pip install`, `npm install`, ...), `docker pull` and `docker build` (base images and the
 * Dockerfile's own downloads), `git clone`, and HTTP requests to a host with a domain name.
 * They are tagged "network", so that `--offline` reports them as skipped, and their output,
 * which depends on mirrors and versions, is not compared.
 * @module
 */

const INSTALLS: RegExp[] = [
  /^apk\s+(?:add|update|upgrade)\b/,
  /^apt(?:-get)?\s+(?:-\S+\s+)*(?:install|update|upgrade)\b/,
  /^(?:yum|dnf|zypper)\s+(?:-\S+\s+)*install\b/,
  /^(?:pip3?|pipx|uv\s+pip|python3?\s+-m\s+pip)\s+install\b/,
  /^(?:npm|pnpm)\s+(?:install|i|ci|add)\b/,
  /^yarn(?:\s+(?:install|add)\b|\s*$)/,
  /^go\s+(?:get|install|mod\s+download)\b/,
  /^cargo\s+(?:install|fetch)\b/,
  /^git\s+clone\b/,
  /^(?:docker|podman)\s+(?:image\s+)?pull\b/,
  /^(?:docker|podman)\s+(?:image\s+)?build\b/,
  /^(?:docker|podman)\s+buildx\s+build\b/,
];

/** The host of each http(s) URL in the text. */
function _hosts(text: string): string[] {
  return [...text.matchAll(/https?:\/\/([^/\s:'"]+)/g)].map((m) => m[1]);
}

/**
 * Whether the command needs the internet.
 *
 * @example
 * ```ts
 * needsNetwork("apk add redis"); // true
 * needsNetwork("curl http://localhost:8000/health"); // false
 * ```
 */
export function needsNetwork(run: string): boolean {
  const text = run.replace(/\\\n\s*/g, " ").trim().replace(/^sudo\s+/, "");
  for (const part of text.split(/\s*(?:&&|\|\||;)\s*/)) {
    const command = part.replace(/^sudo\s+/, "");
    if (INSTALLS.some((re) => re.test(command))) return true;
  }
  if (/^(?:curl|wget|http)\b/.test(text)) {
    return _hosts(text).some((h) => h.includes(".") && !/^[\d.]+$/.test(h));
  }
  return false;
}

/** Whether a Dockerfile line downloads something at build time (dropped from its offline copy). */
export function downloadsAtBuild(instruction: string): boolean {
  const m = /^\s*RUN\s+(.*)$/is.exec(instruction);
  if (!m) return false;
  const body = m[1].replace(/\\\n\s*/g, " ");
  return needsNetwork(body) ||
    body.split(/\s*(?:&&|;)\s*/).some((part) => /^(?:curl|wget)\b/.test(part));
}
