import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectDocker, type DockerClient, type ExecSession } from "../../lib/docker/mod.ts";
import {
  BUSYBOX_IMAGE,
  ensureBusyboxImage,
  removeTestResources,
  startSleeper,
  TEST_LABELS,
  uniqueName,
} from "./_fixtures.ts";

/** Removes terminal control sequences (busybox sh asks a TTY for the cursor position). */
function plain(text: string): string {
  return text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, "g"), "");
}

/** Resolves with everything the session printed once `predicate` holds for it. */
function readUntil(
  session: ExecSession,
  predicate: (text: string) => boolean,
  ms = 5000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no match within ${ms} ms; saw ${JSON.stringify(seen)}`));
    }, ms);
    const unsubscribe = session.onData((text) => {
      seen += text;
      if (predicate(seen)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(seen);
      }
    });
  });
}

describe("exec sessions", () => {
  let docker: DockerClient;
  const box = uniqueName("session");
  const tty = uniqueName("attach");

  before(async () => {
    docker = await connectDocker();
    await ensureBusyboxImage(docker);
    await startSleeper(docker, box);
  });

  after(async () => {
    await removeTestResources(docker, [box, tty]);
  });

  it("openTtyExec() echoes typed input and returns raw output", async () => {
    const session = await docker.openTtyExec(box, ["sh"], { env: { PS1: "lesson$ " } });
    try {
      await readUntil(session, (text) => plain(text).includes("lesson$ "));
      session.write("echo round-trip-$((40 + 2))\n");
      const text = await readUntil(
        session,
        (seen) => /round-trip-42\r\nlesson\$ $/.test(plain(seen)),
      );
      // A TTY echoes the typed line, turns \n into \r\n, and the output is not framed.
      assert.equal(plain(text), "echo round-trip-$((40 + 2))\r\nround-trip-42\r\nlesson$ ");
      await session.resize(40, 120);
      session.write("stty size\n");
      assert.match(await readUntil(session, (seen) => seen.includes("40 120")), /40 120\r\n/);
    } finally {
      await session.close();
    }
  });

  it("close() of a TTY session leaves no process behind", async () => {
    const session = await docker.openTtyExec(box, ["sh", "-c", "sleep 32"]);
    await session.close();
    const ps = await docker.exec(box, ["ps", "-o", "args"]);
    assert.doesNotMatch(ps.stdout, /sleep 32/);
    assert.equal(await session.exitCode(), 137);
  });

  it("close() right after the start leaves no process behind, even one in the middle of an exec", async () => {
    // Each shell execs the next: a process between execs shows an empty environment in /proc.
    const sessions = await Promise.all(
      [41, 42, 43, 44, 45, 46].map((n) =>
        docker.openTtyExec(box, ["sh", "-c", `exec sh -c 'exec sh -c "sleep 33${n}"'`])
      ),
    );
    await Promise.all(sessions.map((session) => session.close()));
    const ps = await docker.exec(box, ["ps", "-o", "args"]);
    assert.doesNotMatch(ps.stdout, /sleep 33/);
  });

  it("a plain session keeps stdout and stderr apart and reports the exit code", async () => {
    const session = await docker.openExec(box, ["sh"]);
    const seen: Array<[string, string]> = [];
    session.onData((text, stream) => seen.push([stream, text]));
    session.write("echo one; echo two >&2; echo __done__\n");
    await readUntil(session, (text) => text.includes("__done__"));
    session.write("exit 5\n");
    assert.equal(await session.exitCode(), 5);
    await session.close();
    const out = seen.filter(([stream]) => stream === "stdout").map(([, text]) => text).join("");
    const err = seen.filter(([stream]) => stream === "stderr").map(([, text]) => text).join("");
    assert.deepEqual({ out, err }, { out: "one\n__done__\n", err: "two\n" });
  });

  it("onData() replays output that came before the first subscriber", async () => {
    const session = await docker.openExec(box, ["sh", "-c", "echo early; cat"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await readUntil(session, (text) => text.includes("early\n")), "early\n");
    await session.close();
    assert.equal(await session.exitCode(), 0);
  });

  it("attach() types into a container started with tty and openStdin", async () => {
    const id = await docker.containers.create({
      image: BUSYBOX_IMAGE,
      name: tty,
      cmd: ["sh"],
      env: { PS1: "box# " },
      tty: true,
      openStdin: true,
      labels: TEST_LABELS,
    });
    await docker.containers.start(id);
    const session = await docker.attach(tty);
    try {
      session.write("echo attached-$((6 * 7))\n");
      assert.match(
        await readUntil(session, (text) => text.includes("attached-42\r\n")),
        /attached-42\r\n/,
      );
      assert.equal(session.id, id);
    } finally {
      await session.close();
    }
    assert.equal(
      (await docker.containers.inspect(tty)).State.Running,
      true,
      "detaching leaves it running",
    );
  });
});
