import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { NEVER_ENDS_TIMEOUT_MS, planEnd } from "../../../lib/import/stop_condition.ts";
import { planSessions, sessionOpened } from "../../../lib/import/sessions.ts";

describe("planEnd()", () => {
  it("stops a command after the lines the doc shows before ^C, and drops the ^C", () => {
    const shown = "PING redis (10.0.0.2): 56 data bytes\n64 bytes from 10.0.0.2: seq=0\n^C";
    assert.deepEqual(planEnd("ping redis", shown), {
      output: "PING redis (10.0.0.2): 56 data bytes\n64 bytes from 10.0.0.2: seq=0",
      stop: { kind: "lines", count: 2 },
    });
  });

  it("honours a ^C under a command that is not known to run forever", () => {
    assert.deepEqual(planEnd("python3 -m http.server", "Serving HTTP on 0.0.0.0\n^C").stop, {
      kind: "lines",
      count: 1,
    });
  });

  it("bounds a command that never ends when the doc shows no ^C, and says so", () => {
    for (const run of ["ping redis", "tail -f app.log", "docker logs -f agent", "watch ls"]) {
      const plan = planEnd(run, undefined);
      assert.equal(plan.timeoutMs, NEVER_ENDS_TIMEOUT_MS, run);
      assert.equal(plan.stop, undefined, run);
      assert.match(plan.note!, /never ends by itself and the doc shows no \^C/);
    }
  });

  it("leaves a command that ends alone", () => {
    assert.deepEqual(planEnd("ping -c 1 redis", "PING redis"), { output: "PING redis" });
  });
});

describe("sessionOpened()", () => {
  it("reads docker run -it … sh, named after --name or the image", () => {
    assert.deepEqual(
      sessionOpened("docker run -it \\\n  --name test-client \\\n  alpine:latest \\\n  /bin/sh"),
      { name: "test-client", image: "alpine:latest" },
    );
    assert.deepEqual(sessionOpened("docker run --rm -i -t alpine sh"), {
      name: undefined,
      image: "alpine",
    });
    assert.equal(sessionOpened("docker run -d --name web nginx"), undefined);
    assert.equal(sessionOpened("docker run -it alpine ls /"), undefined);
  });
});

describe("planSessions()", () => {
  it("types the commands after docker run -it … sh into its session, exit included", () => {
    const runs = ["docker run -it --name c alpine sh", "ping -c 1 redis", "exit", "docker ps"];
    assert.deepEqual(planSessions(runs, new Set()), {
      where: [undefined, "c", "c", undefined],
      opens: ["c", undefined, undefined, undefined],
      exitsBefore: [],
    });
  });

  it("closes a session the doc never leaves before a docker command and at the section's end", () => {
    const runs = [
      "docker run -it alpine:latest /bin/sh",
      "ping cache",
      "docker ps",
      "docker run -it alpine:latest /bin/sh",
      "ls",
    ];
    const taken = new Set(["alpine-shell"]);
    assert.deepEqual(planSessions(runs, taken), {
      where: [undefined, "alpine-shell-2", undefined, undefined, "alpine-shell-3"],
      opens: ["alpine-shell-2", undefined, undefined, "alpine-shell-3", undefined],
      exitsBefore: [2, 5],
    });
  });
});

describe("planEnd() on a failure", () => {
  it("takes a command that never ends but is shown failing at once as ending by itself", () => {
    assert.deepEqual(planEnd("docker exec box ping other", "ping: bad address 'other'"), {
      output: "ping: bad address 'other'",
      note: "the doc shows it failing, so it ends by itself: no time limit",
    });
  });
});
