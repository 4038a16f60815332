/**
 * Whether a line of a tutorial starts like a shell command: its first word is a program that
 * tutorials have readers type (`docker`, `curl`, `ping`, ...), a path (`./run.sh`), `sudo`, or a
 * variable assignment before one (`FOO=1 docker ...`). Prose starts with a capitalised word and
 * is never taken for a command; neither is `ping:` (a program's message).
 * @module
 */

/** Programs a tutorial's reader types, as the first word of a command line. */
export const COMMAND_WORDS: ReadonlySet<string> = new Set(
  `
    docker docker-compose podman kubectl helm minikube kind curl wget ping nslookup dig host nc
    telnet ssh scp rsync apk apt apt-get yum dnf brew snap pip pip3 uv pipx python python3 npm npx
    yarn pnpm node deno bun go cargo rustc java mvn gradle make gcc git cd ls cat echo printf
    mkdir rm rmdir cp mv touch chmod chown ln pwd export unset source sudo su sh bash zsh exit
    redis-cli psql mysql mongosh sqlite3 tail head grep sed awk cut sort uniq wc find xargs tee
    watch less more jq yq systemctl journalctl service ip ifconfig netstat ss route iptables env
    which whoami id hostname uname ps top kill pkill sleep true false test tar unzip zip gzip
    openssl nano vim vi useradd usermod groupadd passwd df du free mount umount date history clear
    alias set terraform ansible ansible-playbook aws gcloud az uvicorn gunicorn flask http
  `.trim().split(/\s+/),
);

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=\S*$/;

/** The line's words up to the first that is not an assignment, with `sudo` skipped. */
function _firstProgram(line: string): string | undefined {
  const words = line.trim().split(/\s+/);
  let i = 0;
  while (i < words.length - 1 && ASSIGNMENT.test(words[i])) i++;
  if (words[i] === "sudo" && i + 1 < words.length) i++;
  return words[i];
}

/**
 * Whether the line starts like a shell command (prompts already removed).
 *
 * @example
 * ```ts
 * looksLikeCommand("docker network ls"); // true
 * looksLikeCommand("Docker networks make this possible."); // false
 * looksLikeCommand("ping: bad address 'redis'"); // false
 * ```
 */
export function looksLikeCommand(line: string): boolean {
  if (/^\s/.test(line)) return false;
  const program = _firstProgram(line);
  if (program === undefined || program === "") return false;
  if (/^\.{0,2}\/[\w./-]+$/.test(program)) return true;
  return COMMAND_WORDS.has(program);
}

/** The prompt a console line starts with (`$ `, `# `, `/ # `, `user@host:~$ `), or "". */
export function promptOf(line: string): string {
  const m = /^(?:[\w.-]+@[\w.-]+(?::[^$#\s]*)?[$#] |\/[\w/]* # |\$ |# |> )/.exec(line);
  return m ? m[0] : "";
}

/** Whether the command never ends by itself (`ping` without `-c`, `tail -f`, `watch`, ...). */
export function neverEnds(run: string): boolean {
  const text = run.replace(/\\\n/g, " ").replace(/\s#.*$/, "");
  const words = text.trim().split(/\s+/);
  const at = (name: string) => words.indexOf(name);
  // ping as the program: first, or what `docker exec CONTAINER` / `kubectl exec POD --` runs.
  const ping = words[0] === "ping" || words[0] === "sudo" && words[1] === "ping"
    ? at("ping")
    : /^(?:docker|podman|kubectl)$/.test(words[0]) && /^(?:exec|run)$/.test(words[1])
    ? at("ping")
    : -1;
  if (ping >= 0) {
    const args = words.slice(ping + 1);
    return !args.some((w) => /^-c\d*$/.test(w) || w === "--count" || /^-w\d*$/.test(w));
  }
  if (at("watch") === 0 || (words[0] === "sudo" && words[1] === "watch")) return true;
  if (at("tail") >= 0 && words.some((w) => /^-[a-zA-Z]*[fF][a-zA-Z]*$/.test(w))) return true;
  if (words[0] === "docker" || words[0] === "kubectl" || words[0] === "journalctl") {
    if (words.includes("logs") || words[0] === "journalctl") {
      if (words.includes("-f") || words.includes("--follow")) return true;
    }
    if (words[1] === "events" || (words[1] === "system" && words[2] === "events")) return true;
    if (words[1] === "stats" && !words.includes("--no-stream")) return true;
  }
  return false;
}
