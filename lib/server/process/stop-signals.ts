/**
 * Stop signals of a long-running process (the launcher, the worker): the first asks for a graceful stop, a later
 * one forces it. The same signal delivered twice is not a second request: Ctrl-C reaches every process of the
 * terminal's group, and a wrapper in between (npm, tsx) relays it once more, a few milliseconds apart; so a signal
 * within `repeatWindowMs` of the first is ignored.
 */
export const REPEAT_WINDOW_MS = 500;

export interface StopHandlers {
  stop(signal: NodeJS.Signals): void;
  force(signal: NodeJS.Signals): void;
}

/** Listens for `signals` on `target` (the process); returns a function that removes the listeners. */
export function onStopSignals(
  signals: readonly NodeJS.Signals[],
  handlers: StopHandlers,
  opts: { repeatWindowMs?: number; now?: () => number; target?: NodeJS.EventEmitter } = {},
): () => void {
  const windowMs = opts.repeatWindowMs ?? REPEAT_WINDOW_MS;
  const now = opts.now ?? Date.now;
  const target = opts.target ?? process;
  let first: number | null = null;
  const listener = (signal: NodeJS.Signals) => {
    const t = now();
    if (first === null) {
      first = t;
      handlers.stop(signal);
    } else if (t - first > windowMs) handlers.force(signal);
  };
  for (const s of signals) target.on(s, listener);
  return () => {
    for (const s of signals) target.off(s, listener);
  };
}
