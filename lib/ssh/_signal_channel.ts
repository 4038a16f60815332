/**
 * Sending a signal request on a session channel whose stdin is already closed.
 * @module
 */
import type { ClientChannel } from "ssh2";

interface ChannelInternals {
  outgoing?: { id: number; state: string };
  _client?: { _protocol?: { signal(id: number, name: string): void } };
}

/**
 * Asks sshd to signal the command's process group (`killpg`); returns whether the request was
 * sent. ssh2's `channel.signal()` silently does nothing once stdin was ended, which every exec
 * does at once, so this goes one level down to the same protocol call.
 */
export function signalChannel(channel: ClientChannel, name: string): boolean {
  const internals = channel as unknown as ChannelInternals;
  const outgoing = internals.outgoing;
  const protocol = internals._client?._protocol;
  if (outgoing === undefined || protocol === undefined) return false;
  if (outgoing.state !== "open" && outgoing.state !== "eof") return false;
  try {
    protocol.signal(outgoing.id, name);
    return true;
  } catch {
    return false;
  }
}
