/**
 * docker-modem formats every request's options with `util.inspect(…, { showHidden: true, depth:
 * null })` before it knows whether its debug output is on, and the options hold the agent. The
 * agent that tunnels the Engine API over SSH must show as one short line, or each request walks
 * the SSH connection behind it (milliseconds of CPU per request, per graded host).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import type { Client } from "ssh2";
import { StreamLocalAgent } from "../../../lib/ssh/_docker_agent.ts";

describe("StreamLocalAgent under util.inspect", () => {
  it("shows as one line naming its host and socket, whatever the connection holds", () => {
    // A connection with a large graph behind it, as ssh2's Client has.
    const big = { rows: Array.from({ length: 5000 }, (_, i) => ({ i, text: `row ${i}` })) };
    const client = { _sock: big, config: { secret: "do-not-show" } } as unknown as Client;
    const agent = new StreamLocalAgent(client, "/var/run/docker.sock", {
      label: "student@lab1:22",
      lost: () => undefined,
    }, { keepAlive: true });
    // A kept connection: an SSH channel, which reaches the whole client.
    (agent.freeSockets as Record<string, unknown[]>)["localhost:80:"] = [{ client, big }];
    const options = { method: "GET", path: "/containers/json", agent };
    const text = inspect(options, { showHidden: true, depth: null });
    assert.match(text, /agent: StreamLocalAgent \{ student@lab1:22:\/var\/run\/docker\.sock \}/);
    assert.ok(text.length < 200, text);
    assert.doesNotMatch(text, /do-not-show|row 4999/);
    (agent.freeSockets as Record<string, unknown[]>)["localhost:80:"] = [];
  });
});
