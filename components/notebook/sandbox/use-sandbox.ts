'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunRequest, RunResult } from '@/lib/notebook/sandbox/protocol';
import { SandboxClient } from './sandbox-client';

/**
 * Runs notebook code cells in the sandboxed worker (see {@link SandboxClient}). One worker per component, created
 * on the first run and reused; a run past its time limit or `stop()` terminates it and the next run gets a fresh
 * one. Runs are queued: `run` resolves in call order. The worker is terminated on unmount. The returned object is
 * stable while `running` does not change.
 */
export function useSandbox(): { run(req: RunRequest): Promise<RunResult>; stop(): void; running: boolean } {
  const [running, setRunning] = useState(false);
  const clientRef = useRef<SandboxClient | null>(null);

  const client = useCallback(() => {
    clientRef.current ??= new SandboxClient({ onRunningChange: setRunning });
    return clientRef.current;
  }, []);

  useEffect(
    () => () => {
      clientRef.current?.dispose();
      clientRef.current = null;
    },
    [],
  );

  const run = useCallback((req: RunRequest) => client().run(req), [client]);
  const stop = useCallback(() => clientRef.current?.stop(), []);
  // One object per `running` change, so callers can list it in hook dependencies.
  return useMemo(() => ({ run, stop, running }), [run, stop, running]);
}
