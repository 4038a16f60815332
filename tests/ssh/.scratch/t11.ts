import { startSshd } from "../_sshd.ts";
import ssh2 from "ssh2";
import { readFileSync } from "node:fs";
const s = await startSshd();
const t0 = performance.now();
const c = new ssh2.Client();
const r = await new Promise<string>((res) => { setTimeout(() => res("timeout"), 3000); c.on("ready", () => res("ready")).on("error", (e) => res("error " + e.message)).connect({ host: s.host, port: s.port, username: "root", privateKey: readFileSync(s.keyPath),
  hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => { setTimeout(() => verify(true), 20); },
  debug: (m: string) => /NEWKEYS|Host|Verif|Handshake completed|EXT_INFO/.test(m) && console.log(Math.round(performance.now() - t0), m.slice(0, 120)) }); });
console.log(r);
c.end();
await s.stop();
