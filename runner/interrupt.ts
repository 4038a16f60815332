/**
 * Ctrl-C and SIGTERM for the commands: while installed, either signal aborts one AbortSignal
 * instead of killing the process, so that the running command is ended and cleanup still
 * happens; the command then exits 130.
 * @module
 */

/** The signals that interrupt a command. */
export const INTERRUPT_SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The exit code of an interrupted command (128 + SIGINT), as shells report it. */
export const INTERRUPTED_EXIT_CODE = 130;

/** What the handlers are installed on: `process`, or a stand-in in tests. */
export interface SignalSource {
  /** Adds a signal listener. */
  on(signal: (typeof INTERRUPT_SIGNALS)[number], listener: () => void): unknown;
  /** Removes a signal listener. */
  off(signal: (typeof INTERRUPT_SIGNALS)[number], listener: () => void): unknown;
}

/** Installed interrupt handlers. */
export interface Interrupt {
  /** Aborted at the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** Whether a signal came while the handlers were installed. */
  readonly interrupted: boolean;
  /** Removes the handlers; calling it again does nothing. */
  uninstall(): void;
}

/**
 * Installs SIGINT and SIGTERM handlers that abort the returned signal. Call `uninstall()` in a
 * `finally`, after cleanup, and exit {@link INTERRUPTED_EXIT_CODE} when `interrupted`.
 *
 * @example
 * ```ts
 * const interrupt = installInterrupt();
 * try {
 *   await work(interrupt.signal);
 * } finally {
 *   await cleanup();
 *   interrupt.uninstall();
 * }
 * if (interrupt.interrupted) return INTERRUPTED_EXIT_CODE;
 * ```
 */
export function installInterrupt(source: SignalSource = process): Interrupt {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  for (const name of INTERRUPT_SIGNALS) source.on(name, onSignal);
  let installed = true;
  return {
    signal: controller.signal,
    get interrupted() {
      return controller.signal.aborted;
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      for (const name of INTERRUPT_SIGNALS) source.off(name, onSignal);
    },
  };
}

/**
 * Runs `work` with interrupt handlers installed and `cleanup` after it, whatever happens;
 * resolves with what `work` resolved and whether it was interrupted.
 */
export async function withInterrupt<T>(
  work: (signal: AbortSignal) => Promise<T>,
  cleanup: () => Promise<void> | void = () => {},
  source: SignalSource = process,
): Promise<{ value: T; interrupted: boolean }> {
  const interrupt = installInterrupt(source);
  try {
    const value = await work(interrupt.signal);
    return { value, interrupted: interrupt.interrupted };
  } finally {
    try {
      await cleanup();
    } finally {
      interrupt.uninstall();
    }
  }
}
