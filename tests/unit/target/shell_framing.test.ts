import { after, before, beforeEach, describe, it } from "node:test";
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  BOOTSTRAP,
  bootstrapLine,
  frameCommand,
  parseMarker,
  PRELUDE,
  readFramed,
} from "../../../lib/target/shell_framing.ts";

/** How a frame is sent: as it is, or read by bash with `read -N` (as sessions on bash do). */
let frame: typeof frameCommand = frameCommand;

/** A PATH with sh and cat and no bash, so that the bootstrap starts sh. */
let noBash: string | undefined;

/** Feeds framed commands to the bootstrap in one go and returns what came out. */
function session(...commands: string[]): { stdout: string; stderr: string } {
  const input = bootstrapLine("ab12", "cd34") + PRELUDE +
    commands.map((command, i) => frame(command, "ab12", i + 1)).join("");
  const r = spawnSync("/bin/sh", ["-c", BOOTSTRAP], {
    input,
    encoding: "utf8",
    timeout: 10_000,
    env: { ...process.env, LC_ALL: "C.UTF-8", ...(noBash ? { PATH: noBash } : {}) },
  });
  return { stdout: r.stdout, stderr: r.stderr };
}

describe("parseMarker()", () => {
  const cases: Array<[string, ReturnType<typeof parseMarker>]> = [
    ["3 0 ", { kind: "end", counter: 3, exitCode: 0, jobs: [] }],
    ["12 130 4242,4250,", { kind: "end", counter: 12, exitCode: 130, jobs: [4242, 4250] }],
    ["4", { kind: "end", counter: 4, exitCode: null, jobs: [] }],
    ["4 0 x,", undefined],
    ["exit 3", { kind: "exit", exitCode: 3 }],
    ["exit", { kind: "exit", exitCode: null }],
    ["exit x", undefined],
    ["", undefined],
  ];
  for (const [rest, expected] of cases) {
    it(`parseMarker(${JSON.stringify(rest)}) reads the marker line`, () => {
      assert.deepEqual(parseMarker(rest), expected);
    });
  }
});

describe("bootstrapLine()", () => {
  it("bootstrapLine() refuses a token that is not hex digits", () => {
    assert.throws(() => bootstrapLine("ab; rm", "cd"), {
      name: "TypeError",
      message: "Cannot start a shell session: token and tag must be hex digits",
    });
  });
});

const senders = [["as they are", frameCommand], ["read by `read -N`", readFramed]] as const;
for (const [how, sender] of senders) {
  describe(`the framing, run by the bootstrap, frames sent ${how}`, () => {
    beforeEach(() => {
      frame = sender;
    });

    it("marks each command's end with its exit code, and the shell's end with its status", () => {
      const r = session("echo one; echo err >&2", "false", "exit 3");
      assert.equal(
        r.stdout,
        "one\n\n__RL_ab12_1 0 \n\n__RL_ab12_2 1 \n\n__RL_ab12_exit 3\n",
      );
      assert.equal(r.stderr, "err\n\n__RL_ab12_1\n\n__RL_ab12_2\n\n__RL_ab12_exit\n");
    });

    it("a closed or redirected stdout lasts until the end of its command", () => {
      const r = session(
        "exec >&-; echo gone",
        "echo back; exec 1>/dev/null 2>&1; echo gone",
        "echo again",
      );
      assert.match(
        r.stdout,
        /^\n__RL_ab12_1 1 \nback\n\n__RL_ab12_2 0 \nagain\n\n__RL_ab12_3 0 \n/,
      );
    });

    it("set -x and set -v show the learner's commands only", () => {
      const r = session("set -x", "echo traced", "set +x; set -v", "echo verbose", "set +v");
      assert.equal(
        r.stderr,
        "\n__RL_ab12_1\n+ echo traced\n\n__RL_ab12_2\n+ set +x\n\n__RL_ab12_3\n" +
          "echo verbose\n\n__RL_ab12_4\nset +v\n\n__RL_ab12_5\n\n__RL_ab12_exit\n",
      );
    });

    it("unset or redefined runner functions change nothing for the next command", () => {
      const r = session(
        "unset -f __rl_f; __rl_f() { echo hacked; }; __rl_g() { echo hacked; }; trap - INT",
        "echo fine",
      );
      assert.match(r.stdout, /\n__RL_ab12_1 0 \nfine\n\n__RL_ab12_2 0 \n/);
    });

    it("a syntax error is the command's own, with exit code 2", () => {
      // After a syntax error in eval, bash 5.2 misreads a reserved word that starts the next line.
      const r = session('echo "unterminated', "if true; then echo next; fi");
      assert.match(r.stdout, /^\n__RL_ab12_1 2 \nnext\n\n__RL_ab12_2 0 \n/);
      assert.match(r.stderr, /unexpected EOF/);
    });

    it("the end marker lists the process groups of the shell's background jobs", () => {
      const r = session(`sleep 33.${process.pid} & echo $!`, "kill %1; wait");
      const pgid = r.stdout.split("\n")[0];
      assert.match(r.stdout, new RegExp(`^${pgid}\\n\\n__RL_ab12_1 0 ${pgid},\\n`));
    });

    it("a command of comments alone runs", () => {
      assert.match(session("# nothing to do").stdout, /^\n__RL_ab12_1 0 \n/);
    });

    it("a command with multibyte characters, under a UTF-8 locale or another, runs whole", () => {
      const r = session(
        "echo 'h\u00e9llo \u2603'",
        "LC_ALL=C; echo '\u00e9t\u00e9'",
        "echo fin\\\\",
      );
      assert.equal(
        r.stdout,
        "h\u00e9llo \u2603\n\n__RL_ab12_1 0 \n\u00e9t\u00e9\n\n__RL_ab12_2 0 \n" +
          "fin\\\n\n__RL_ab12_3 0 \n\n__RL_ab12_exit 0\n",
      );
    });

    it("a shell whose read cannot read the frame reads it itself", () => {
      const r = session("readonly LC_ALL=C", "echo one", "read() { echo hijacked; }", "echo two");
      assert.match(r.stdout, /^\n__RL_ab12_1 0 \none\n\n__RL_ab12_2 0 \n\n__RL_ab12_3 0 \ntwo\n/);
    });
  });
}

describe("readFramed() in a shell without `read -N`", () => {
  before(() => {
    noBash = mkdtempSync(join(tmpdir(), "rl-nobash-"));
    for (const tool of ["sh", "cat"]) symlinkSync(realpathSync(`/bin/${tool}`), join(noBash, tool));
    frame = readFramed;
  });
  after(() => {
    rmSync(noBash!, { recursive: true, force: true });
    noBash = undefined;
  });

  it("the shell reads the frame itself", () => {
    const r = session("echo $BASH_VERSION one", "echo 'tw\u00f6' >&2", "exit 4");
    assert.equal(r.stdout, "one\n\n__RL_ab12_1 0 \n\n__RL_ab12_2 0 \n\n__RL_ab12_exit 4\n");
    assert.equal(r.stderr, "\n__RL_ab12_1\ntw\u00f6\n\n__RL_ab12_2\n\n__RL_ab12_exit\n");
  });
});
