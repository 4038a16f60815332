import { readdir, readFile } from "node:fs/promises";
const root = Number(process.argv[2]);
const parents = new Map<number, number[]>();
for (const name of await readdir("/proc")) {
  if (!/^\d+$/.test(name)) continue;
  try {
    const stat = await readFile(`/proc/${name}/stat`, "utf8");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (name === process.argv[3]) console.log("stat", JSON.stringify(stat.slice(0, 60)), ppid);
    parents.set(ppid, [...parents.get(ppid) ?? [], Number(name)]);
  } catch (e) { if (name === process.argv[3]) console.log("err", e); }
}
console.log(parents.get(root));
