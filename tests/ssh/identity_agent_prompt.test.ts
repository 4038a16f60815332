import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ConnectSshOptions } from "../../lib/ssh/connect.ts";
import { loginName, startSshd } from "./_sshd.ts";
import type { SshdFixture } from "./_sshd.ts";
import { startAgent } from "./_agent.ts";
import { Tmux } from "../tutor/_tmux.ts";

const PASSPHRASE_ENV = "RUN_LESSON_TEST_AGENT_PASSPHRASE";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let sshd: SshdFixture;
let knownHosts = "";

before(async () => {
  sshd = await startSshd();
  knownHosts = join(sshd.dir, "known_hosts");
  await writeFile(knownHosts, `${sshd.knownHostsLine}\n`);
});

after(async () => {
  await sshd?.stop();
});

function options(extra: Partial<ConnectSshOptions>): ConnectSshOptions {
  return {
    host: sshd.host,
    port: sshd.port,
    user: "root",
    knownHostsFiles: [knownHosts],
    configFile: null,
    passphraseEnv: PASSPHRASE_ENV,
    identityFile: sshd.encryptedKeyPath,
    ...extra,
  };
}

/** The user name a login with these options (over the defaults above) gets. */
function whoami(extra: Partial<ConnectSshOptions>): Promise<string> {
  return loginName(options(extra));
}

/** A prompt that answers `answer` and records each question asked. */
function recordingPrompt(answer: string) {
  const asked: string[] = [];
  const prompt = (question: string) => {
    asked.push(question);
    return Promise.resolve(answer);
  };
  return { asked, prompt };
}

describe("an --identity key that ssh-agent holds", () => {
  it("logs in through the agent's copy of an encrypted key file: no passphrase asked", async () => {
    const agent = await startAgent([], [{
      path: sshd.encryptedKeyPath,
      passphrase: sshd.passphrase,
    }]);
    try {
      const { asked, prompt } = recordingPrompt("");
      const user = await whoami({ agent: agent.socket, prompt });
      assert.equal(user, "root");
      assert.deepEqual(asked, []);
    } finally {
      await agent.stop();
    }
  });

  it("still asks for the passphrase when the agent holds other keys only", async () => {
    const agent = await startAgent([sshd.wrongKeyPath]);
    try {
      const { asked, prompt } = recordingPrompt(sshd.passphrase);
      const user = await whoami({ agent: agent.socket, prompt });
      assert.equal(user, "root");
      assert.equal(asked.length, 1);
      assert.match(asked[0], /^Enter passphrase for key ".*id_encrypted": $/);
    } finally {
      await agent.stop();
    }
  });
});

describe("run-lesson run --identity with an encrypted key on a terminal", () => {
  it("asks for the passphrase without echo, and the run passes", async () => {
    const tmux = new Tmux("run", ROOT, {
      SSH_AUTH_SOCK: "",
      RUN_LESSON_SSH_PASSPHRASE: undefined,
    });
    try {
      await tmux.run("run", "unset RUN_LESSON_SSH_PASSPHRASE SSH_AUTH_SOCK; clear");
      const n = Date.now().toString(36);
      tmux.type(
        "run",
        `node runner/bin.js run tests/fixtures/lessons/ssh-whoami --target ` +
          `ssh://root@127.0.0.1:${sshd.port} --identity ${sshd.encryptedKeyPath} ` +
          `--known-hosts ${knownHosts}; echo "EXIT""-${n}=$?"`,
      );
      await tmux.waitFor("run", /Enter passphrase for key ".*id_encrypted": $/m);
      tmux.keys("run", "-l", sshd.passphrase);
      tmux.keys("run", "Enter");
      const screen = await tmux.waitFor("run", new RegExp(`EXIT-${n}=\\d+`), 60_000);
      assert.match(screen, new RegExp(`EXIT-${n}=0`), screen);
      assert.match(screen, /1 passed, 0 failed/);
      assert.ok(!screen.includes(sshd.passphrase), "the passphrase was echoed");
    } finally {
      tmux.kill();
    }
  });

  it("without a terminal, names the variable to set instead of asking", async () => {
    const { cli } = await import("../_cli.ts");
    const saved = { sock: process.env.SSH_AUTH_SOCK, pass: process.env.RUN_LESSON_SSH_PASSPHRASE };
    delete process.env.SSH_AUTH_SOCK;
    delete process.env.RUN_LESSON_SSH_PASSPHRASE;
    try {
      const r = await cli(
        "run",
        "tests/fixtures/lessons/ssh-whoami",
        "--target",
        `ssh://root@127.0.0.1:${sshd.port}`,
        "--identity",
        sshd.encryptedKeyPath,
        "--known-hosts",
        knownHosts,
      );
      assert.notEqual(r.code, 0);
      assert.match(r.err, /it is encrypted: set RUN_LESSON_SSH_PASSPHRASE or run interactively/);
    } finally {
      if (saved.sock !== undefined) process.env.SSH_AUTH_SOCK = saved.sock;
      if (saved.pass !== undefined) process.env.RUN_LESSON_SSH_PASSPHRASE = saved.pass;
    }
  });
});
