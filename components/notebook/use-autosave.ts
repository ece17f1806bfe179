'use client';

import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { NotebookConflict, NotebookVersionMeta } from '@/lib/notebook/api';
import type { NotebookDoc } from '@/lib/notebook/doc';
import { notebookApi } from './notebook-api';

export const AUTOSAVE_DELAY_MS = 1000;

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'dirty' }
  | { state: 'saving' }
  | { state: 'conflict'; conflict: NotebookConflict }
  | { state: 'error'; message: string };

/**
 * Saves the document about 1 s after the last change (PUT with `baseVersion`), one request at a time; changes
 * made during a save are saved right after it. A 409 stops autosaving until the page reloads (the status names
 * the newer version and its author). `replace` installs a document from the server (restore, reload) without
 * saving it back. Disabled for viewers.
 */
export function useAutosave(opts: {
  projectSlug: string;
  doc: NotebookDoc;
  version: number | null;
  enabled: boolean;
  onSaved(version: number, meta: NotebookVersionMeta, doc: NotebookDoc): void;
}) {
  const { projectSlug, doc, enabled } = opts;
  const [status, setStatus] = useState<SaveStatus>({ state: 'saved' });
  const versionRef = useRef(opts.version);
  const savedDocRef = useRef(doc);
  const docRef = useRef(doc);
  const inflight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);
  const onSaved = useRef(opts.onSaved);
  useEffect(() => {
    onSaved.current = opts.onSaved;
  });
  useLayoutEffect(() => {
    docRef.current = doc;
  }, [doc]);

  const flushRef = useRef<() => Promise<void>>(async () => {});
  const flush = useCallback(async (): Promise<void> => {
    if (stopped.current || inflight.current) return;
    const sending = docRef.current;
    if (sending === savedDocRef.current) return setStatus({ state: 'saved' });
    inflight.current = true;
    setStatus({ state: 'saving' });
    const res = await notebookApi(projectSlug).save(sending, versionRef.current);
    inflight.current = false;
    if (!res.ok) {
      if (res.status === 409 && typeof res.details.latestVersion === 'number') {
        stopped.current = true;
        return setStatus({ state: 'conflict', conflict: res.details as unknown as NotebookConflict });
      }
      return setStatus({ state: 'error', message: res.error });
    }
    versionRef.current = res.data.version;
    savedDocRef.current = sending;
    onSaved.current(res.data.version, res.data.meta, sending);
    if (docRef.current !== sending) {
      setStatus({ state: 'dirty' });
      // changed while saving: save again (through the ref: this callback cannot name itself)
      timer.current = setTimeout(() => void flushRef.current(), AUTOSAVE_DELAY_MS);
    } else setStatus({ state: 'saved' });
  }, [projectSlug]);

  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  useEffect(() => {
    if (!enabled || doc === savedDocRef.current || stopped.current) return;
    setStatus((s) => (s.state === 'saving' ? s : { state: 'dirty' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [doc, enabled, flush]);

  // Leaving with unsaved changes: one last keepalive save.
  useEffect(() => {
    if (!enabled) return;
    const onHide = () => {
      if (stopped.current || inflight.current || docRef.current === savedDocRef.current) return;
      void notebookApi(projectSlug).save(docRef.current, versionRef.current, { keepalive: true });
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [enabled, projectSlug]);

  /** Installs a server document (after a restore) as saved. */
  const replace = useCallback((next: NotebookDoc, version: number | null) => {
    if (timer.current) clearTimeout(timer.current);
    versionRef.current = version;
    savedDocRef.current = next;
    docRef.current = next;
    setStatus({ state: 'saved' });
  }, []);

  /** Saves the current document now as a named version. */
  const saveNamed = useCallback(
    async (label: string): Promise<string | null> => {
      if (timer.current) clearTimeout(timer.current);
      const sending = docRef.current;
      const res = await notebookApi(projectSlug).save(sending, versionRef.current, { kind: 'named', label });
      if (!res.ok) return res.error;
      versionRef.current = res.data.version;
      savedDocRef.current = sending;
      onSaved.current(res.data.version, res.data.meta, sending);
      setStatus({ state: 'saved' });
      return null;
    },
    [projectSlug],
  );

  return { status, replace, saveNamed, baseVersion: () => versionRef.current };
}
