/**
 * The run-lesson CLI: parses the command line and dispatches to a command.
 * @module
 */
import { type CliIo, processIo, UsageError } from "./cli_io.ts";
import { COMMANDS, usage } from "./commands/mod.ts";
import { LessonError } from "../lib/lesson/validate.ts";
import { DockerError } from "../lib/docker/mod.ts";
import { TargetError } from "../lib/target/types.ts";
import { RunLockedError } from "../lib/target/run_lock.ts";
import { SshError } from "../lib/ssh/ssh_error.ts";

/** Runs the CLI and resolves with the exit code: 0 passed, 1 failed, 2 usage or lesson error. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const topic = first === "help" ? rest[0] : undefined;
      const command = topic === undefined ? undefined : COMMANDS[topic];
      if (topic !== undefined && !command) throw new UsageError(`Unknown command "${topic}"`);
      io.out(command ? command.help : usage());
      return 0;
    }
    if (first === "--version") {
      io.out("run-lesson 0.1.0\n");
      return 0;
    }
    const command = COMMANDS[first];
    if (command) return await command.run(rest, io);
    if (first.startsWith("-")) {
      throw new UsageError(`Unknown option "${first}": run-lesson --help lists the commands`);
    }
    // `run-lesson <lesson>` is `run-lesson run <lesson>`.
    return await COMMANDS.run.run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof LessonError) {
      io.err(`run-lesson: ${error.message}\n`);
      return 2;
    }
    if (
      error instanceof RangeError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
    ) {
      io.err(`run-lesson: ${(error as Error).message}\n`);
      return 2;
    }
    if (error instanceof RunLockedError) {
      io.err(`run-lesson: ${error.message}\n`);
      return 2;
    }
    if (error instanceof DockerError || error instanceof TargetError || error instanceof SshError) {
      io.err(`run-lesson: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * Runs the CLI as the program (`runner/bin.js`, or this module run directly) and exits with its
 * code once the output is flushed. Exiting at once, rather than letting the process wind down,
 * ends an interrupted run sooner (about half a second here), and after a lesson import that never
 * settled it keeps the code: Deno would otherwise replace it with 1 for the pending top-level
 * await.
 */
export async function runProgram(argv: string[] = process.argv.slice(2)): Promise<void> {
  const code = await main(argv);
  process.exitCode = code;
  await Promise.all(
    [process.stdout, process.stderr].map((stream) =>
      new Promise<void>((resolve) => stream.write("", () => resolve()))
    ),
  );
  process.exit(code);
}

if ((import.meta as { main?: boolean }).main) await runProgram();
