/**
 * The library lesson authors import: the lesson API's types.
 *
 * @example
 * ```ts
 * import type { Step } from "../../../lib/mod.ts";
 *
 * export default {
 *   id: "hello",
 *   title: "Say hello",
 *   commands: [{ run: "echo hello", stdout: "hello" }],
 * } satisfies Step;
 * ```
 * @module
 */
export type * from "./lesson/types.ts";
export type { Capture, MatchResult } from "./expect/types.ts";
export type * from "./probes/host/types.ts";
