/**
 * Guards the import of a lesson module so that every way it can fail ends as one LessonError
 * naming the file: an Error (its first line), a thrown value that is not an Error (`throw "x"`,
 * `throw null`), a top-level `await` that never settles (bounded by a time limit, so the process
 * neither hangs nor exits 13 with no output), and a call of `process.exit` (or `Deno.exit`)
 * while it is imported, which is refused instead of ending the run.
 * @module
 */
import { quote } from "./schema/explain.ts";
import { LessonError } from "./validate.ts";

/** How long importing one lesson module may take by default: 10 s. */
export const IMPORT_TIMEOUT_MS = 10_000;

/** The environment variable that sets another limit, in milliseconds. */
export const IMPORT_TIMEOUT_ENV = "RUN_LESSON_IMPORT_TIMEOUT_MS";

/** What a lesson module's `process.exit` throws while the module is imported. */
class _ExitCalled extends Error {
  /** The call, e.g. `process.exit(3)`. */
  readonly call: string;
  constructor(call: string) {
    super(`${call} was called`);
    this.call = call;
  }
}

type Exit = (code?: number | string | null) => never;
type DenoLike = { exit?: Exit };

let _imports = 0;

let _saved: { process: Exit; deno?: Exit } | undefined;

/** While any lesson module is imported, exiting throws instead. Nested imports share it. */
function _guardExit(): () => void {
  const deno = (globalThis as { Deno?: DenoLike }).Deno;
  if (_imports++ === 0) {
    _saved = { process: process.exit, deno: deno?.exit };
    const refuse = (name: string): Exit => (code) => {
      throw new _ExitCalled(`${name}(${code === undefined ? "" : quote(code)})`);
    };
    process.exit = refuse("process.exit");
    if (deno?.exit) _trySet(deno, refuse("Deno.exit"));
  }
  return () => {
    if (--_imports > 0 || !_saved) return;
    process.exit = _saved.process;
    if (deno && _saved.deno) _trySet(deno, _saved.deno);
    _saved = undefined;
  };
}

function _trySet(deno: DenoLike, exit: Exit): void {
  try {
    deno.exit = exit;
  } catch {
    // A read-only Deno.exit stays as it is.
  }
}

function _timeoutMs(): number {
  const set = Number(process.env[IMPORT_TIMEOUT_ENV]);
  return Number.isFinite(set) && set > 0 ? set : IMPORT_TIMEOUT_MS;
}

/**
 * Runs `load` (the import of a lesson module) and resolves with what it resolves with; `shown`
 * is how messages name the file. Throws LessonError (`Cannot load "<shown>": …`) when the import
 * fails in any way, and refuses `process.exit` while it runs.
 *
 * @example
 * ```ts
 * const module = await guardImport("lessons/x/lesson.ts", () => import("/abs/lessons/x/lesson.ts"));
 * ```
 */
export async function guardImport<T>(shown: string, load: () => Promise<T>): Promise<T> {
  const ms = _timeoutMs();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // A pending timer keeps the event loop alive, so a never-settling import cannot end the run.
    timer = setTimeout(() => reject(new _TimedOut(ms)), ms);
  });
  const release = _guardExit();
  try {
    return await Promise.race([load(), timeout]);
  } catch (error) {
    throw new LessonError(`Cannot load "${shown}": ${_describe(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    release();
  }
}

class _TimedOut extends Error {
  constructor(ms: number) {
    super(
      `importing it did not finish within ${ms / 1000} s (a top-level await that never settles?)`,
    );
  }
}

/** One line on why an import failed. */
function _describe(error: unknown): string {
  if (error instanceof _ExitCalled) return `it called ${error.call} while being imported`;
  if (error instanceof _TimedOut) return error.message;
  if (error instanceof Error) {
    const first = String(error.message ?? "").split("\n")[0];
    return first || error.name || "it threw an Error with no message";
  }
  return `importing it threw ${quote(error)}, not an Error`;
}
