import { docs } from "../../runner/commands/docs.ts";
import { processIo } from "../../runner/cli_io.ts";
process.exitCode = await docs.run(process.argv.slice(2), processIo());
