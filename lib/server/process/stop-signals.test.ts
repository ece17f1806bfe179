import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { onStopSignals } from './stop-signals';

function harness() {
  const target = new EventEmitter();
  let t = 1_000;
  const calls: string[] = [];
  const off = onStopSignals(['SIGINT', 'SIGTERM'], { stop: (s) => calls.push(`stop ${s}`), force: (s) => calls.push(`force ${s}`) }, { target, now: () => t, repeatWindowMs: 500 });
  return { calls, off, emit: (s: NodeJS.Signals, at: number) => ((t = at), target.emit(s, s)) };
}

describe('onStopSignals', () => {
  it('stops on the first signal and forces on a later one', () => {
    const h = harness();
    h.emit('SIGTERM', 1_000);
    h.emit('SIGTERM', 3_000);
    expect(h.calls).toEqual(['stop SIGTERM', 'force SIGTERM']);
  });

  it('ignores the same stop delivered twice within the window (Ctrl-C to the group, relayed by a wrapper)', () => {
    const h = harness();
    h.emit('SIGINT', 1_000);
    h.emit('SIGINT', 1_004);
    h.emit('SIGTERM', 1_500);
    expect(h.calls).toEqual(['stop SIGINT']);
    h.emit('SIGINT', 1_501);
    expect(h.calls).toEqual(['stop SIGINT', 'force SIGINT']);
  });

  it('removes its listeners', () => {
    const h = harness();
    h.off();
    h.emit('SIGINT', 1_000);
    expect(h.calls).toEqual([]);
  });
});
