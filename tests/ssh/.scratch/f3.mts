import { startSshd } from "../_sshd.ts";
import { connectSsh } from "../../../lib/ssh/connect.ts";
import { writeFile, readFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
const s = await startSshd();
const kh = `${s.dir}/known_hosts`;
await writeFile(kh, s.knownHostsLine + "\n");
const c = await connectSsh({ host: s.host, port: s.port, user: "rltest", identityFile: s.keyPath, knownHostsFiles: [kh], agent: false, configFile: null, keepaliveIntervalMs: 0 });
const ps = () => execFileSync("bash", ["-c", `ps -eo pid,ppid,stat,args | grep -F '${s.dir}' -A0; ps -eo pid,ppid,stat,args | grep 'sshd: rltest' | grep -v grep`]).toString();
console.log(ps());
const line = execFileSync("bash", ["-c", "ps -eo pid,args | grep 'sshd: rltest$' | grep -v grep"]).toString().trim();
const pid = Number(line.split(/\s+/)[0]);
console.log("unpriv", pid);
process.kill(pid, "SIGSTOP");
for (const d of [0, 50, 200, 1000]) { await new Promise(r => setTimeout(r, d)); console.log(d, (await readFile(`/proc/${pid}/status`, "utf8")).split("\n").filter(l => /State|SigBlk|SigIgn|SigCgt/.test(l)).join(" | ")); }
process.kill(pid, "SIGCONT");
await c.close();
await s.stop();
