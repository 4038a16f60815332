import { startSshd } from "../_sshd.ts";
import { connectSsh } from "../../../lib/ssh/connect.ts";
import { writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
const s = await startSshd();
const kh = `${s.dir}/known_hosts`;
await writeFile(kh, s.knownHostsLine + "\n");
for (let i = 0; i < 4; i++) {
  const c = await connectSsh({ host: s.host, port: s.port, user: "rltest", identityFile: s.keyPath, knownHostsFiles: [kh], agent: false, configFile: null, keepaliveIntervalMs: 200 });
  const closed = new Promise(r => c.onClose(r));
  await s.freeze();
  console.log(execFileSync("bash", ["-c", "ps -eo pid,ppid,stat,args | grep 'sshd' | grep -v grep | grep -v 'sshd: root'"]).toString());
  const r = await Promise.race([closed, new Promise(r => setTimeout(() => r("TIMEOUT"), 3000))]);
  console.log(i, r instanceof Error ? r.message : r);
  await s.thaw();
  await c.close();
}
await s.stop();
