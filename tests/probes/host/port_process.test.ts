/**
 * The `port` and `process` probes against real listeners and processes started here (and
 * killed afterwards), on the local target and over a real sshd: pass, fail naming expected and
 * found, the /proc fallback where the host has no `ss`, and error where the process holding a
 * port cannot be seen (an unprivileged user looking at root's socket).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { freePort } from "../../ssh/_sshd.ts";
import { type HostWorld, makeHostWorld, startChild } from "./_host_world.ts";

let world: HostWorld;
let tcpPort: number;
let udpPort: number;
/** The comm of the listening processes (python3). */
let comm: string;
/** A command line no other process has. */
const SLEEP = `1000${Math.floor(Math.random() * 1e6)}.${randomBytes(2).readUInt16BE()}`;
const stops: Array<() => void> = [];

before(async () => {
  world = await makeHostWorld();
  tcpPort = await freePort();
  udpPort = await freePort();
  const tcp = await startChild("/usr/bin/python3", [
    "-m",
    "http.server",
    String(tcpPort),
    "--bind",
    "127.0.0.1",
    "--directory",
    world.dir,
  ], () => connects(tcpPort));
  stops.push(tcp.stop);
  comm = readFileSync(`/proc/${tcp.pid}/comm`, "utf8").trim();
  const udp = await startChild("/usr/bin/python3", [
    "-c",
    `import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n` +
    `s.bind(("0.0.0.0", ${udpPort}))\ntime.sleep(3600)`,
  ], () => Promise.resolve(execFileSync("ss", ["-lnu"]).toString().includes(`:${udpPort} `)));
  stops.push(udp.stop);
  const gid = Number(execFileSync("id", ["-g", world.user]).toString());
  for (let i = 0; i < 2; i++) {
    const sleeper = await startChild(
      "sleep",
      [SLEEP],
      () => Promise.resolve(execFileSync("ps", ["-eo", "args"]).toString().includes(SLEEP)),
      { uid: world.uid, gid },
    );
    stops.push(sleeper.stop);
  }
});
after(async () => {
  for (const stop of stops) stop();
  await world?.remove();
});

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

for (const where of ["local", "ssh"] as const) {
  describe(`port and process probes on the ${where} target`, () => {
    it("port passes on a TCP listener's address and process, and a UDP socket", async () => {
      const r = await world.check(world.targets[where], {
        kind: "port",
        port: tcpPort,
        address: "127.0.0.1",
        process: comm,
      });
      assert.equal(r.status, "pass", r.message);
      assert.match(r.evidence, new RegExp(`^ss: LISTEN .* 127\\.0\\.0\\.1:${tcpPort} .*"${comm}"`));
      const udp = await world.check(world.targets[where], {
        kind: "port",
        port: udpPort,
        protocol: "udp",
        address: "0.0.0.0",
        process: comm,
      });
      assert.equal(udp.status, "pass", udp.message);
      const closed = await world.check(world.targets[where], {
        kind: "port",
        port: tcpPort,
        protocol: "udp",
        listening: false,
      });
      assert.equal(closed.status, "pass", closed.message);
    });

    it("port fails naming the address, process or listener that differs", async () => {
      const address = await world.check(world.targets[where], {
        kind: "port",
        port: tcpPort,
        address: "0.0.0.0",
      });
      assert.equal(
        address.message,
        `nothing listens on tcp port ${tcpPort} on 0.0.0.0 (listened on 127.0.0.1:${tcpPort} (${comm}))`,
      );
      const process = await world.check(world.targets[where], {
        kind: "port",
        port: tcpPort,
        process: "nginx",
      });
      assert.equal(process.message, `tcp port ${tcpPort}: held by ${comm}, expected "nginx"`);
      const listening = await world.check(world.targets[where], {
        kind: "port",
        port: tcpPort,
        listening: false,
      });
      assert.equal(listening.status, "fail");
      assert.equal(
        listening.message,
        `tcp port ${tcpPort} is listened on (127.0.0.1:${tcpPort} (${comm}))`,
      );
    });

    it("process passes on a name, a command-line regex, a user and a count", async () => {
      const r = await world.check(world.targets[where], {
        kind: "process",
        name: "sleep",
        // Deno spawns with the resolved path as argv[0] (`/usr/bin/sleep`), Node as given.
        match: `^(/usr/bin/)?sleep ${SLEEP.replace(".", "\\.")}$`,
        user: world.user,
        count: 2,
      });
      assert.equal(r.status, "pass", r.message);
      assert.match(
        r.evidence,
        new RegExp(`^2 processes named "sleep" and matching .* as "${world.user}"`),
      );
      assert.match(r.evidence, new RegExp(`\npid \\d+ uid ${world.uid} sleep: \\S*sleep ${SLEEP}`));
      const none = await world.check(world.targets[where], {
        kind: "process",
        match: `sleep ${SLEEP}0`,
        running: false,
      });
      assert.equal(none.status, "pass", none.message);
      const bounds = await world.check(world.targets[where], {
        kind: "process",
        match: `sleep ${SLEEP}`,
        count: { min: 1, max: 2 },
      });
      assert.equal(bounds.status, "pass", bounds.message);
    });

    it("process fails naming the count found and expected", async () => {
      const root = await world.check(world.targets[where], {
        kind: "process",
        match: `sleep ${SLEEP}`,
        user: "root",
      });
      assert.equal(
        root.message,
        `processes matching /sleep ${SLEEP}/ as "root": 0 running, expected at least 1`,
      );
      const count = await world.check(world.targets[where], {
        kind: "process",
        match: `sleep ${SLEEP}`,
        count: { max: 1 },
      });
      assert.equal(
        count.message,
        `processes matching /sleep ${SLEEP}/: 2 running, expected 0 to 1`,
      );
      const running = await world.check(world.targets[where], {
        kind: "process",
        name: "sleep",
        match: SLEEP,
        running: false,
      });
      assert.equal(
        running.message,
        `processes named "sleep" and matching /${SLEEP}/: 2 running, expected 0`,
      );
    });
  });
}

describe("port probe where the host hides or lacks something", () => {
  it("ends error when the process holding a port cannot be seen, saying so in evidence", async () => {
    const r = await world.check(world.targets["ssh-user"], {
      kind: "port",
      port: tcpPort,
      process: comm,
    });
    assert.equal(r.status, "error");
    assert.match(r.message!, /cannot tell: tcp port \d+: the process holding it cannot be seen/);
    assert.match(r.evidence, /127\.0\.0\.1:\d+ .*\nprocess: not visible$/);
    const address = await world.check(world.targets["ssh-user"], {
      kind: "port",
      port: tcpPort,
      address: "127.0.0.1",
    });
    assert.equal(address.status, "pass", address.message);
  });

  it("reads /proc/net and /proc/PID/fd where the host has no ss", async () => {
    const bin = `${world.dir}/bin-noss-${world.id}`;
    execFileSync("mkdir", [bin]);
    for (const tool of ["sh", "cat", "ls", "grep"]) {
      execFileSync("ln", [
        "-s",
        execFileSync("sh", ["-c", `command -v ${tool}`]).toString().trim(),
        `${bin}/${tool}`,
      ]);
    }
    await world.check(world.targets.local, { kind: "command", run: `PATH=${bin}; export PATH` });
    try {
      const r = await world.check(world.targets.local, {
        kind: "port",
        port: tcpPort,
        address: "127.0.0.1",
        process: comm,
      });
      assert.equal(r.status, "pass", r.message);
      assert.match(r.evidence, /^\/proc\/net\/tcp: +\d+: 0100007F:/);
      const udp = await world.check(world.targets.local, {
        kind: "port",
        port: udpPort,
        protocol: "udp",
        process: "nginx",
      });
      assert.equal(udp.message, `udp port ${udpPort}: held by ${comm}, expected "nginx"`);
    } finally {
      await world.check(world.targets.local, {
        kind: "command",
        run: "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH",
      });
    }
  });
});
