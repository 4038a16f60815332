/**
 * `run-lesson tutor container-networking` in a real terminal (tmux) against the local engine:
 * the tutor runs in one window, the learner types the lesson's commands with the docker CLI in
 * another. Holds the container-networking engine lock throughout: the lesson's names are fixed.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { connectDocker } from "../../lib/docker/mod.ts";
import { PROBE_LABEL, PROBE_RUN_LABEL } from "../../lib/probes/_probe_container.ts";
import { withEngineLock } from "../_engine_lock.ts";
import { requireEngine } from "../_services.ts";
import { Tmux } from "./_tmux.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LESSON = "container-networking";

/** The containers and networks the lesson's steps name (see its cleanup step). */
const CONTAINERS = [
  "bridge-a",
  "redis-cache",
  "postgres-db",
  "test-client",
  "isolated-container",
  "cache-primary",
  "agent",
  "postgres",
  "redis",
];
const NETWORKS = ["ai-service-network", "another-network", "ai-app-network"];

/**
 * Removes what the lesson's commands make, by name, and any probe container a tutor of this
 * lesson left (its run label starts with the lesson's id).
 */
async function removeLessonState(): Promise<void> {
  const docker = await connectDocker();
  const probes = await docker.containers.list({ labels: [PROBE_LABEL] });
  const ours = probes.filter((c) => c.Labels?.[PROBE_RUN_LABEL]?.startsWith(`${LESSON}-`));
  for (const name of [...CONTAINERS, ...ours.map((c) => c.Id)]) {
    await docker.containers.remove(name, { force: true, volumes: true }).catch(() => {});
  }
  for (const name of NETWORKS) await docker.networks.remove(name).catch(() => {});
}

/** A command of a step as one line (the doc's `\` continuations joined). */
function oneLine(text: string): string {
  return text.replace(/\\\n\s*/g, "");
}

describe("run-lesson tutor container-networking in a terminal", () => {
  it("ticks checks as the learner types, advances, resumes, and hints at wrong commands", async () => {
    requireEngine();
    const steps = await Promise.all(
      ["01_default_bridge", "02_create_network", "03_start_services", "07_aliases"].map(
        async (name) =>
          (await import(`../../lessons/${LESSON}/steps/${name}.ts`)).default as {
            commands: { run: string }[];
          },
      ),
    );
    const [bridge, network, services, aliases] = steps.map((s) =>
      s.commands.map((c) => oneLine(c.run))
    );
    await withEngineLock(LESSON, async () => {
      const state = mkdtempSync(join(tmpdir(), "tutor-cn-"));
      const tutor = `node runner/bin.js tutor ${LESSON}`;
      await removeLessonState();
      const tmux = new Tmux("tutor", ROOT, { XDG_STATE_HOME: state, NO_COLOR: "1" });
      try {
        tmux.window("learner", state);
        tmux.type("tutor", tutor);
        let screen = await tmux.waitFor("tutor", /Nothing to check in this step/, 60_000);
        assert.match(screen, /Step 1\/9 · Names do not resolve on the default bridge\n/);
        assert.match(screen, /Containers started without --network join the default bridge\./);
        assert.match(screen, / {2}\$ docker run -d --name bridge-a alpine:latest sleep infinity\n/);

        // Step 1 has no checks: type its commands, then n.
        for (const command of bridge) await tmux.run("learner", command);
        tmux.keys("tutor", "n");
        screen = await tmux.waitFor(
          "tutor",
          /✖ ai-service-network exists and uses the bridge driver/,
        );
        assert.match(screen, /Step 2\/9 · Create, list and inspect a user-defined network\n/);

        // Step 2: its first command makes the check pass, and the tutor moves on by itself.
        await tmux.run("learner", network[0]);
        screen = await tmux.waitFor("tutor", /✖ redis-cache runs on ai-service-network/);
        assert.match(screen, /Step 3\/9 · Start Redis and Postgres on the network/);
        assert.match(
          tmux.screen("tutor", true),
          /✔ Step 2 done: every check passes\.\n\nStep 3\/9 · Start Redis and Postgres/,
        );

        tmux.keys("tutor", "q");
        await tmux.waitFor(
          "tutor",
          /Saved: step 3 of 9\. Resume with: run-lesson tutor container-networking\n/,
        );
        const [file] = readdirSync(join(state, "run-lesson"));
        assert.equal(
          JSON.parse(readFileSync(join(state, "run-lesson", file), "utf8")).step,
          "start-services",
        );

        // Back again: it resumes at step 3.
        await tmux.clear("tutor");
        tmux.type("tutor", tutor);
        screen = await tmux.waitFor("tutor", /✖ redis-cache runs on ai-service-network/, 60_000);
        assert.match(screen, /Step 3\/9 · Start Redis and Postgres on the network\n/);
        assert.doesNotMatch(tmux.screen("tutor", true), /Step [12]\/9/);

        // A wrong command: Redis started without --network. Postgres's check ticks, Redis's
        // stays failing and its hint shows after three failing polls.
        assert.match(services[0], / --network ai-service-network /);
        await tmux.run("learner", services[0].replace(" --network ai-service-network", ""));
        await tmux.run("learner", services[1]);
        screen = await tmux.waitFor(
          "tutor",
          /hint: Start Redis with --network ai-service-network/,
          60_000,
        );
        assert.match(screen, /✔ postgres-db runs on ai-service-network/);
        assert.match(screen, /✖ redis-cache runs on ai-service-network/);
        assert.doesNotMatch(screen, /hint: Start Postgres/);

        // Repaired: both pass, and the tutor moves on to step 4.
        await tmux.run("learner", "docker network connect ai-service-network redis-cache");
        screen = await tmux.waitFor(
          "tutor",
          /Step 4\/9 · Find containers by name from a client container\n/,
        );
        assert.match(tmux.screen("tutor", true), /✔ Step 3 done: every check passes\./);
        // Step 4's check passes already (redis-cache is on the network): the tutor waits for n
        // rather than skipping a step the learner has not read.
        await tmux.waitFor(
          "tutor",
          /✔ redis-cache resolves by name on ai-service-network\nchecked \d+ s ago: every check passes, press n to go on/,
        );

        // On to step 7 with n (steps 5 and 6 left undone), where an alias is mistyped:
        // --network-alias cahce. The name redis resolves, so the container is there, but the
        // aliases check fails and its hint names the right flags.
        tmux.keys("tutor", "n");
        await tmux.waitFor("tutor", /Step 5\/9 · Containers on another network/);
        tmux.keys("tutor", "n");
        await tmux.waitFor("tutor", /Step 6\/9 · Connect and disconnect a running container/);
        tmux.keys("tutor", "n");
        await tmux.waitFor("tutor", /✖ cache-primary answers to the aliases redis and cache/);
        assert.match(aliases[0], / --network-alias cache /);
        await tmux.run(
          "learner",
          aliases[0].replace("--network-alias cache ", "--network-alias cahce "),
        );
        screen = await tmux.waitFor(
          "tutor",
          (s) =>
            /✔ the name redis resolves to cache-primary/.test(s) &&
            /hint: Start cache-primary with --network-alias redis --network-alias cache\./.test(s),
          60_000,
        );
        assert.match(screen, /Step 7\/9 · Three names, one container, one address\n/);
        assert.match(screen, /✖ cache-primary answers to the aliases redis and cache/);
        assert.doesNotMatch(screen, /hint: The alias must be set on ai-service-network/);

        // Repaired: connected again with both aliases, the step passes and the tutor moves on.
        await tmux.run(
          "learner",
          "docker network disconnect ai-service-network cache-primary && " +
            "docker network connect --alias redis --alias cache ai-service-network cache-primary",
        );
        await tmux.waitFor("tutor", /Step 8\/9 · A FastAPI agent that finds Postgres and Redis/);
        assert.match(tmux.screen("tutor", true), /✔ Step 7 done: every check passes\./);

        tmux.keys("tutor", "q");
        await tmux.waitFor("tutor", /Saved: step 8 of 9\./);
      } catch (error) {
        console.log("LEARNER:\n" + tmux.screen("learner", true));
        throw error;
      } finally {
        // End the tutor by its own key, so that it removes its probe containers itself.
        tmux.keys("tutor", "q");
        await tmux.waitFor("tutor", /Saved: /, 30_000).catch(() => {});
        tmux.kill();
        await removeLessonState();
        rmSync(state, { recursive: true, force: true });
      }
    });
  });
});
