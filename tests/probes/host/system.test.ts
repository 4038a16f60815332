/**
 * The `service`, `package` and `command` probes on this machine, on the local target and over a
 * real sshd. This machine runs no systemd (PID 1 is another init), so the service probe must end
 * `error` with its reason; the package probe reads the real dpkg database, and ends `error`
 * where PATH hides every package manager.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { type HostWorld, makeHostWorld } from "./_host_world.ts";

let world: HostWorld;
/** The installed version of curl, as dpkg has it. */
let curlVersion: string;
before(async () => {
  world = await makeHostWorld();
  curlVersion = execFileSync("dpkg-query", ["-W", "-f=${Version}", "curl"]).toString();
});
after(() => world?.remove());

/** Runs `body` with the local target's PATH limited to `tools`. */
async function withTools(tools: string[], body: () => Promise<void>): Promise<void> {
  const bin = `${world.dir}/bin-${tools.join("-")}`;
  mkdirSync(bin);
  for (const tool of tools) {
    const path = execFileSync("sh", ["-c", `command -v ${tool}`]).toString().trim();
    symlinkSync(path, `${bin}/${tool}`);
  }
  await world.check(world.targets.local, { kind: "command", run: `PATH=${bin}; export PATH` });
  try {
    await body();
  } finally {
    await world.check(world.targets.local, {
      kind: "command",
      run: "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin; export PATH",
    });
  }
}

for (const where of ["local", "ssh"] as const) {
  describe(`service, package and command probes on the ${where} target`, () => {
    it("service ends error on a host whose PID 1 is not systemd, naming PID 1", async () => {
      const pid1 = readFileSync("/proc/1/comm", "utf8").trim();
      const r = await world.check(world.targets[where], {
        kind: "service",
        name: "ssh",
        active: true,
      });
      assert.equal(r.status, "error");
      assert.equal(
        r.message,
        `probe failed: probe "service" cannot tell: service "ssh": systemd is not running on ` +
          `this host (PID 1 is "${pid1}"), so systemctl cannot tell`,
      );
      assert.match(r.evidence, /systemd is not running/);
    });

    it("package passes on an installed package and its version, and on one not installed", async () => {
      const r = await world.check(world.targets[where], {
        kind: "package",
        name: "curl",
        version: `${curlVersion.split(".")[0]}.{{*}}`,
      });
      assert.equal(r.status, "pass", r.message);
      assert.equal(r.evidence, `dpkg: curl ${curlVersion} installed`);
      const absent = await world.check(world.targets[where], {
        kind: "package",
        name: "rl-no-such-package",
        installed: false,
      });
      assert.equal(absent.status, "pass", absent.message);
    });

    it("package fails naming the version or state found", async () => {
      const version = await world.check(world.targets[where], {
        kind: "package",
        name: "curl",
        version: "0.1",
      });
      assert.equal(
        version.message,
        `package "curl" is version ${curlVersion}, expected 0.1`,
      );
      const installed = await world.check(world.targets[where], {
        kind: "package",
        name: "curl",
        installed: false,
      });
      assert.equal(installed.message, `package "curl" is installed (${curlVersion})`);
      const missing = await world.check(world.targets[where], {
        kind: "package",
        name: "rl-no-such-package",
      });
      assert.equal(missing.message, 'package "rl-no-such-package" is not installed');
    });

    it("command passes and fails on exit code, stdout and stderr, with captures", async () => {
      const r = await world.check(world.targets[where], {
        kind: "command",
        run: "id -un {{who}}; echo warn >&2; false",
        stdout: "{{who}}",
        stderr: "warn",
        exitCode: "nonzero",
      }, { who: world.user });
      assert.equal(r.status, "pass", r.message);
      assert.equal(r.evidence, `$ id -un ${world.user}; echo warn >&2; false\n${world.user}\nwarn`);
      const exit = await world.check(world.targets[where], { kind: "command", run: "false" });
      assert.equal(exit.message, 'command "false": expected exit code 0, got 1');
      const stderr = await world.check(world.targets[where], {
        kind: "command",
        run: "echo oops >&2",
        stderr: "fine",
      });
      assert.equal(stderr.message, 'command "echo oops >&2": stderr: expected "fine", got "oops"');
    });
  });
}

describe("service and package probes where the host lacks the tool", () => {
  it("service ends error on a host without systemctl", async () => {
    await withTools(["sh", "cat"], async () => {
      const r = await world.check(world.targets.local, { kind: "service", name: "ssh" });
      assert.equal(r.status, "error");
      assert.match(
        r.message!,
        /service "ssh": the host has no systemd \(no systemctl; PID 1 is ".*"\), the only service manager it reads$/,
      );
    });
  });

  it("package ends error on a host without dpkg, apk or rpm", async () => {
    await withTools(["sh", "awk"], async () => {
      const r = await world.check(world.targets.local, { kind: "package", name: "curl" });
      assert.equal(r.status, "error");
      assert.equal(
        r.message,
        'probe failed: probe "package" cannot tell: package "curl": the host has no package ' +
          "manager the probe reads (dpkg, apk, rpm)",
      );
    });
  });
});
