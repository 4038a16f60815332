import { startSshd } from "../_sshd.ts";
import { connectSsh } from "../../../lib/ssh/connect.ts";
import { writeFile, readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
const s = await startSshd();
const kh = `${s.dir}/known_hosts`;
await writeFile(kh, s.knownHostsLine + "\n");
const c = await connectSsh({ host: s.host, port: s.port, user: "rltest", identityFile: s.keyPath, knownHostsFiles: [kh], agent: false, configFile: null, keepaliveIntervalMs: 200 });
const listener = Number(execFileSync("bash", ["-c", `pgrep -f '${s.dir}/sshd_config'`]).toString().trim());
const priv = Number(execFileSync("bash", ["-c", "pgrep -fx 'sshd: rltest \\[priv\\]'"]).toString().trim());
const unpriv = Number(execFileSync("bash", ["-c", "pgrep -fx 'sshd: rltest'"]).toString().trim());
const order = process.argv[2] === "rev" ? [unpriv, priv, listener] : [listener, priv, unpriv];
for (const p of order) process.kill(p, "SIGSTOP");
for (const d of [0, 100, 500]) { await new Promise(r => setTimeout(r, d)); const st = []; for (const p of [listener, priv, unpriv]) st.push((await readFile(`/proc/${p}/stat`, "utf8")).split(" ")[2]); console.log(d, st.join(" ")); }
for (const p of order) process.kill(p, "SIGCONT");
await c.close();
await s.stop();
