import { startSshd } from "../_sshd.ts";
import ssh2 from "ssh2";
const s = await startSshd();
const { readFileSync } = await import("node:fs");
const c = new ssh2.Client();
await new Promise<void>((res, rej) => { c.on("ready", () => res()).on("error", rej).connect({ host: s.host, port: s.port, username: "root", privateKey: readFileSync(s.keyPath) }); });
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const lap = (m: string) => console.log(m, Math.round(performance.now() - t));
  await new Promise<void>((res) => {
    c.exec("true", (err, ch) => {
      lap("open");
      ch.on("exit", () => lap("exit"));
      ch.on("end", () => lap("end"));
      ch.on("data", () => {}); ch.stderr.on("data", () => {});
      ch.on("close", () => { lap("close"); res(); });
      ch.end();
    });
  });
}
c.end(); await new Promise(r => setTimeout(r, 300)); console.log(s.log());
await s.stop();
