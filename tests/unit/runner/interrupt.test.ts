import { test } from "node:test";
import assert from "node:assert/strict";
import { EventEmitter } from "node:events";
import {
  installInterrupt,
  INTERRUPTED_EXIT_CODE,
  type SignalSource,
  withInterrupt,
} from "../../../runner/interrupt.ts";

function fakeProcess(): EventEmitter & SignalSource {
  return new EventEmitter();
}

test("installInterrupt() aborts its signal at SIGINT and says it was interrupted", () => {
  const source = fakeProcess();
  const interrupt = installInterrupt(source);
  assert.equal(interrupt.signal.aborted, false);
  assert.equal(interrupt.interrupted, false);
  source.emit("SIGINT");
  assert.equal(interrupt.signal.aborted, true);
  assert.equal(interrupt.interrupted, true);
  interrupt.uninstall();
});

test("installInterrupt() aborts its signal at SIGTERM", () => {
  const source = fakeProcess();
  const interrupt = installInterrupt(source);
  source.emit("SIGTERM");
  assert.equal(interrupt.interrupted, true);
  interrupt.uninstall();
});

test("installInterrupt() adds one listener per signal and uninstall() removes them, once", () => {
  const source = fakeProcess();
  const interrupt = installInterrupt(source);
  assert.equal(source.listenerCount("SIGINT"), 1);
  assert.equal(source.listenerCount("SIGTERM"), 1);
  interrupt.uninstall();
  interrupt.uninstall();
  assert.equal(source.listenerCount("SIGINT"), 0);
  assert.equal(source.listenerCount("SIGTERM"), 0);
  source.emit("SIGINT");
  assert.equal(interrupt.interrupted, false);
});

test("installInterrupt() on the real process leaves no listener behind", () => {
  const before = process.listenerCount("SIGINT");
  const interrupt = installInterrupt();
  assert.equal(process.listenerCount("SIGINT"), before + 1);
  interrupt.uninstall();
  assert.equal(process.listenerCount("SIGINT"), before);
});

test("withInterrupt() resolves with the work's value, cleans up and uninstalls", async () => {
  const source = fakeProcess();
  const order: string[] = [];
  const result = await withInterrupt(
    (signal) => {
      order.push(`work ${signal.aborted}`);
      source.emit("SIGINT");
      order.push(`after ${signal.aborted}`);
      return Promise.resolve(42);
    },
    () => void order.push("cleanup"),
    source,
  );
  assert.deepEqual(result, { value: 42, interrupted: true });
  assert.deepEqual(order, ["work false", "after true", "cleanup"]);
  assert.equal(source.listenerCount("SIGINT"), 0);
  assert.equal(INTERRUPTED_EXIT_CODE, 130);
});

test("withInterrupt() cleans up and uninstalls when the work throws", async () => {
  const source = fakeProcess();
  let cleaned = false;
  await assert.rejects(
    withInterrupt(() => Promise.reject(new Error("boom")), () => void (cleaned = true), source),
    { message: "boom" },
  );
  assert.equal(cleaned, true);
  assert.equal(source.listenerCount("SIGTERM"), 0);
});
