import { startSshd } from "../_sshd.ts";
import { connectSsh } from "../../../lib/ssh/connect.ts";
import { writeFile } from "node:fs/promises";
const s = await startSshd();
const kh = `${s.dir}/known_hosts`;
await writeFile(kh, s.knownHostsLine + "\n");
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  try {
    const c = await connectSsh({ host: s.host, port: s.port, user: "root", identityFile: s.keyPath, knownHostsFiles: [kh], agent: false, configFile: null, readyTimeoutMs: 5000 });
    console.log("ready", Math.round(performance.now() - t0));
    await c.close();
  } catch (e) { console.log("ERR", Math.round(performance.now() - t0), (e as Error).message); }
}
await s.stop();
