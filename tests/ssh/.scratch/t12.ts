import { startSshd } from "../_sshd.ts";
import ssh2 from "ssh2";
import { readFileSync, writeFileSync } from "node:fs";
import { verifyHostKey } from "../../../lib/ssh/known_hosts.ts";
const s = await startSshd();
const kh = `${s.dir}/known_hosts`;
writeFileSync(kh, s.knownHostsLine + "\n");
const t0 = performance.now();
const c = new ssh2.Client();
const r = await new Promise<string>((res) => { setTimeout(() => res("timeout"), 3000); c.on("ready", () => res("ready")).on("error", (e) => res("error " + e.message)).connect({ host: s.host, port: s.port, username: "root", privateKey: readFileSync(s.keyPath),
  hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => { verifyHostKey(s.host, s.port, key, [kh]).then((c) => { console.log(Math.round(performance.now() - t0), "verified", c.status); verify(c.status === "known"); }, (e) => { console.log("verr", e); verify(false); }); },
  debug: (m: string) => /NEWKEYS|Host|Verif|Handshake completed|EXT_INFO|DH Reply/.test(m) && console.log(Math.round(performance.now() - t0), m.slice(0, 120)) }); });
console.log(r);
c.end();
await s.stop();
