/**
 * Host probes on a `container://` target: a throwaway busybox container (no getent, no ss, no
 * package manager, no systemd) whose state the test makes with execs, read through the
 * container target's shell. The probes fall back to /etc/passwd, /proc/net and /proc/PID/fd,
 * ask busybox wget where there is no curl, and end `error` where the host has nothing to read;
 * a stand-in `systemctl` (and /run/systemd/system) in the container drives the service probe's
 * pass and fail paths.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { connectDocker, type DockerClient } from "../../../lib/docker/mod.ts";
import { runCheck } from "../../../lib/engine/run_check.ts";
import type { CheckOutcome } from "../../../lib/engine/events.ts";
import { hostProbes } from "../../../lib/probes/host/mod.ts";
import { ContainerTarget } from "../../../lib/target/container.ts";
import type { Target } from "../../../lib/target/types.ts";
import { requireEngine } from "../../_services.ts";

requireEngine();

const NAME = `rl-host-probes-${randomBytes(4).toString("hex")}`;
let docker: DockerClient;
let target: ContainerTarget;

/** A systemctl that knows one unit, `web`, active and disabled. */
const SYSTEMCTL = `#!/bin/sh
for last; do :; done
if [ "$last" = web ]; then
  printf 'LoadState=loaded\\nActiveState=active\\nSubState=running\\nUnitFileState=disabled\\n'
else
  printf 'LoadState=not-found\\nActiveState=inactive\\nSubState=dead\\nUnitFileState=\\n'
fi
`;

const SETUP = [
  "mkdir -p /srv/app /run/systemd/system",
  `printf '{"port":8080}\\n' > /srv/app/config.json`,
  "echo 'app:x:1200:1200::/srv/app:/bin/sh' >> /etc/passwd",
  "echo 'app:x:1200:' >> /etc/group",
  "echo 'web:x:1300:app' >> /etc/group",
  "chown app:web /srv/app/config.json && chmod 0640 /srv/app/config.json",
  // busybox nc listens on :: (tcp6), and accepts one connection: the probes only look.
  "nc -l -p 8080 </dev/null >/dev/null 2>&1 &",
].join("\n");

before(async () => {
  docker = await connectDocker();
  await docker.containers.create({
    image: "alpine:latest",
    name: NAME,
    cmd: ["sleep", "3600"],
    labels: { "run-lesson.test": "1" },
    // To remount the container's own /proc with hidepid (the engine's /proc is not touched).
    hostConfig: { CapAdd: ["SYS_ADMIN"], SecurityOpt: ["apparmor=unconfined"] },
  });
  await docker.containers.start(NAME);
  const setup = await docker.exec(NAME, ["sh", "-c", SETUP]);
  assert.equal(setup.exitCode, 0, setup.stderr);
  target = new ContainerTarget(docker, NAME);
});
after(async () => {
  await target?.close();
  await docker?.containers.remove(NAME, { force: true }).catch(() => {});
});

function check(probe: Record<string, unknown>, on: Target = target): Promise<CheckOutcome> {
  return runCheck({ id: "c", title: "t", hint: "h", probe: probe as never }, {
    target: on,
    captures: {},
    timeoutMs: 20_000,
    results: new Map(),
    probes: hostProbes(),
  });
}

describe("host probes on a container:// target (busybox)", () => {
  it("file reads busybox stat: pass and fail", async () => {
    const r = await check({
      kind: "file",
      path: "/srv/app/config.json",
      mode: "0640",
      owner: "app",
      group: "web",
      json: { port: 8080 },
    });
    assert.equal(r.status, "pass", r.message);
    assert.equal(
      r.evidence,
      '/srv/app/config.json: file, mode 0640, owner app (1200), group web (1300), 14 bytes\n{"port":8080}',
    );
    const bad = await check({ kind: "file", path: "/srv/app", type: "file", owner: "root" });
    assert.equal(bad.message, 'file "/srv/app": type is "directory", expected "file"');
  });

  it("user and group read /etc/passwd and /etc/group where there is no getent", async () => {
    const user = await check({
      kind: "user",
      name: "app",
      uid: 1200,
      home: "/srv/app",
      groups: ["web"],
    });
    assert.equal(user.status, "pass", user.message);
    const group = await check({ kind: "group", name: "app", members: ["app", "root"] });
    assert.equal(group.message, 'group "app": "root" is not a member (members: app)');
  });

  it("command runs in the container's shell", async () => {
    const r = await check({
      kind: "command",
      run: "cat /etc/hostname >/dev/null; id -un",
      stdout: "root",
    });
    assert.equal(r.status, "pass", r.message);
  });

  it("port reads /proc/net where there is no ss, and process reads busybox ps", async () => {
    const port = await check({ kind: "port", port: 8080, address: "::", process: "nc" });
    assert.equal(port.status, "pass", port.message);
    assert.match(port.evidence, /^\/proc\/net\/tcp: +\d+: 0{32}:1F90 /);
    const process = await check({
      kind: "process",
      name: "nc",
      match: "^nc -l -p 8080$",
      user: "root",
    });
    assert.equal(process.status, "pass", process.message);
    const none = await check({ kind: "process", name: "nginx" });
    assert.equal(none.message, 'processes named "nginx": 0 running, expected at least 1');
  });

  it("http asks busybox wget where there is no curl", async () => {
    // One answer from busybox nc; the port probe waits until it listens.
    const answer = "HTTP/1.0 200 OK\\r\\nContent-Type: text/plain\\r\\n\\r\\nhi\\n";
    await docker.exec(NAME, ["sh", "-c", `(printf '${answer}' | nc -l -p 8081 >/dev/null 2>&1 &)`]);
    const listening = await runCheck({
      id: "l",
      title: "t",
      hint: "h",
      retry: { withinMs: 5_000, everyMs: 200 },
      probe: { kind: "port", port: 8081 },
    }, { target, captures: {}, timeoutMs: 20_000, results: new Map(), probes: hostProbes() });
    assert.equal(listening.status, "pass", listening.message);
    // The image has curl too: the shell's PATH hides it, leaving busybox's applets.
    await docker.exec(NAME, [
      "sh",
      "-c",
      "mkdir -p /tmp/bb && for t in sh wget grep; do ln -sf /bin/busybox /tmp/bb/$t; done",
    ]);
    const hide = await check({
      kind: "command",
      run: "__rl_path=$PATH; PATH=/tmp/bb; export PATH",
    });
    assert.equal(hide.status, "pass", hide.message);
    let r: CheckOutcome;
    try {
      r = await check({ kind: "http", url: "http://127.0.0.1:8081/", body: "hi" });
    } finally {
      await check({ kind: "command", run: "PATH=$__rl_path; export PATH" });
    }
    assert.equal(r.status, "pass", r.message);
    assert.equal(
      r.evidence,
      "GET http://127.0.0.1:8081/ from the target with wget: HTTP/1.0 200 OK\nhi",
    );
  });

  it("package ends error where no package manager the probe reads answers", async () => {
    const r = await check({ kind: "package", name: "busybox" });
    assert.equal(r.status, "error");
    assert.match(r.message!, /^probe failed: probe "package" cannot tell: package "busybox": /);
  });

  it("service reads systemctl show where systemd runs (a stand-in here)", async () => {
    await docker.exec(NAME, [
      "sh",
      "-c",
      `cat > /bin/systemctl <<'EOF'\n${SYSTEMCTL}EOF\nchmod +x /bin/systemctl`,
    ]);
    try {
      const active = await check({ kind: "service", name: "web", active: true });
      assert.equal(active.status, "pass", active.message);
      assert.equal(
        active.evidence,
        "systemctl show web: LoadState=loaded, ActiveState=active, SubState=running, UnitFileState=disabled",
      );
      const enabled = await check({ kind: "service", name: "web", enabled: true });
      assert.equal(enabled.message, 'service "web": is disabled, expected enabled');
      const missing = await check({ kind: "service", name: "db", active: true });
      assert.equal(missing.message, 'service "db" does not exist (LoadState=not-found)');
      const absent = await check({ kind: "service", name: "db", active: false });
      assert.equal(absent.status, "pass", absent.message);
      // With neither active nor enabled asked, the unit must at least exist.
      const exists = await check({ kind: "service", name: "web" });
      assert.equal(exists.status, "pass", exists.message);
      const unknown = await check({ kind: "service", name: "db" });
      assert.equal(unknown.message, 'service "db" does not exist (LoadState=not-found)');
    } finally {
      await docker.exec(NAME, ["rm", "-f", "/bin/systemctl"]);
    }
    const none = await check({ kind: "service", name: "web", active: true });
    assert.equal(none.status, "error");
    assert.match(none.message!, /the host has no systemd \(no systemctl; PID 1 is "sleep"\)/);
  });

  it("process ends error where /proc hides other users' processes (hidepid)", async () => {
    const remount = await docker.exec(NAME, ["mount", "-o", "remount,hidepid=2", "/proc"]);
    assert.equal(remount.exitCode, 0, remount.stderr);
    // Commands as nobody, each in its own exec: enough for probes, which keep no shell state.
    const nobody: Target = {
      name: `container://${NAME} as nobody`,
      async run(command, options) {
        const r = await docker.exec(NAME, ["sh", "-c", command], {
          user: "nobody",
          timeoutMs: options.timeoutMs,
        });
        return { ...r, stopped: false };
      },
      close: () => Promise.resolve(),
    };
    const root = await check({ kind: "process", name: "sleep" }, nobody);
    assert.equal(root.status, "error");
    assert.match(
      root.message!,
      /processes named "sleep": 0 seen, expected at least 1, but \/proc hides other users' processes \(hidepid\) from this user \(uid 65534\)$/,
    );
    const none = await check({ kind: "process", name: "nginx", running: false }, nobody);
    assert.equal(none.status, "error");
    const own = await check({ kind: "process", name: "sleep", user: "nobody" }, nobody);
    assert.equal(
      own.message,
      'processes named "sleep" as "nobody": 0 running, expected at least 1',
    );
    const asRoot = await check({ kind: "process", name: "sleep", user: "root" });
    assert.equal(asRoot.status, "pass", asRoot.message);
  });
});
