/**
 * A passphrase and password prompt on the terminal, as ssh asks: the question on stderr, the
 * answer typed without echo, each question asked once per process (one answer serves every host
 * that needs it). Only where stdin and stderr are terminals; CI uses the environment variables.
 * @module
 */
import { StringDecoder } from "node:string_decoder";
import type { Prompt } from "./_auth.ts";

/** A prompt on this process's terminal, or undefined when stdin or stderr is not one. */
export function terminalPrompt(
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Prompt | undefined {
  if (!stdin.isTTY || !stderr.isTTY) return undefined;
  const asked = new Map<string, Promise<string>>();
  let queue: Promise<unknown> = Promise.resolve();
  return (question) => {
    let answer = asked.get(question);
    if (answer === undefined) {
      // One question at a time: two hosts connecting at once must not share the keyboard.
      answer = queue.then(() => readHidden(question, stdin, stderr));
      queue = answer;
      asked.set(question, answer);
    }
    return answer;
  };
}

/**
 * Asks once: raw mode, no echo, Enter ends, Backspace erases; Ctrl-C or Ctrl-D cancels, which
 * answers "" (the caller then says which variable to set).
 */
function readHidden(
  question: string,
  stdin: NodeJS.ReadStream,
  stderr: NodeJS.WriteStream,
): Promise<string> {
  return new Promise((resolve) => {
    stderr.write(question);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    let typed = "";
    const finish = (answer: string) => {
      stdin.off("data", onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stderr.write("\n");
      resolve(answer);
    };
    // No setEncoding: that would change what later readers of stdin (the tutor) receive.
    const decoder = new StringDecoder("utf8");
    const onData = (chunk: Buffer | string) => {
      for (const char of typeof chunk === "string" ? chunk : decoder.write(chunk)) {
        if (char === "\r" || char === "\n") return finish(typed);
        if (char === "\u0003" || char === "\u0004") return finish("");
        if (char === "\u007f" || char === "\b") typed = typed.slice(0, -1);
        else if (char === "\u0015") typed = "";
        else if (char >= " ") typed += char;
      }
    };
    stdin.on("data", onData);
    stdin.resume();
  });
}
