import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseContainerUrl } from "../../lib/target/container.ts";
import { LocalTarget } from "../../lib/target/local.ts";
import { openTarget, targetKind, TARGETS, targetScheme } from "../../lib/target/registry.ts";
import type { TargetSetup } from "../../lib/target/types.ts";

const setup: TargetSetup = {
  lessonDir: "/tmp",
  runId: "registry-test",
  prelude: "",
  readOnly: true,
  localDocker: () => Promise.reject(new Error("no engine wanted here")),
};

describe("targetScheme()", () => {
  const cases: Array<[string, string]> = [
    ["local", "local"],
    ["ssh://alice@host:2222", "ssh"],
    ["SSH://alice@host", "ssh"],
    ["container://web", "container"],
    ["docker", "docker"],
  ];
  for (const [url, scheme] of cases) {
    it(`targetScheme(${JSON.stringify(url)}) is "${scheme}"`, () => {
      assert.equal(targetScheme(url), scheme);
    });
  }
});

describe("targetKind()", () => {
  it("knows local, ssh and container", () => {
    assert.deepEqual(Object.keys(TARGETS), ["local", "ssh", "container"]);
    assert.equal(targetKind("container://web"), TARGETS.container);
    assert.equal(targetKind("ssh://alice@host:22"), TARGETS.ssh);
  });

  it("names the known shapes for an unknown target", () => {
    assert.throws(() => targetKind("docker://web"), {
      name: "TypeError",
      message:
        'Unknown target "docker://web": use local, ssh://user@host[:port] or container://NAME',
    });
  });

  it("checks the URL with the target's own parser", () => {
    assert.throws(() => targetKind("local://x"), {
      name: "TypeError",
      message: 'Cannot parse target "local://x": expected local',
    });
    assert.throws(() => targetKind("ssh://alice:secret@host"), {
      name: "TypeError",
      message: /^Cannot parse SSH URL "ssh:\/\/alice:\*\*\*@host": passwords in addresses/,
    });
    assert.throws(() => targetKind("container://a/b"), {
      name: "TypeError",
      message: 'Cannot parse container URL "container://a/b": expected container://NAME',
    });
  });
});

describe("parseContainerUrl()", () => {
  it("returns the container name", () => {
    assert.equal(parseContainerUrl("container://web-1"), "web-1");
    assert.equal(parseContainerUrl("container://my_app.db/"), "my_app.db");
  });

  it("refuses names the engine would refuse", () => {
    for (const url of ["container://", "container://-x", "container://a b", "web"]) {
      assert.throws(() => parseContainerUrl(url), { name: "TypeError" });
    }
  });
});

describe("openTarget()", () => {
  it("opens local as a shell in the lesson's folder, connecting to no engine", async () => {
    const opened = await openTarget("local", setup);
    try {
      assert.ok(opened.shell instanceof LocalTarget);
      const r = await opened.shell.run("pwd", { timeoutMs: 5_000 });
      assert.equal(r.stdout, "/tmp\n");
      await assert.rejects(opened.docker(), { message: "no engine wanted here" });
    } finally {
      await opened.close();
    }
  });
});
