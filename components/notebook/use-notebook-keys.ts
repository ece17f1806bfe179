'use client';

import { useEffect, useRef } from 'react';

const isTextTarget = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.isContentEditable);

/**
 * The notebook's global keys: Ctrl/Cmd+K opens the palette; Ctrl/Cmd+Z outside text fields undoes the last cell
 * deletion (inside a field it stays the field's own undo); Shift+Enter / Ctrl/Cmd+Enter outside an editor runs
 * the focused cell (the code editor handles its own).
 */
export function useNotebookKeys(handlers: { openPalette(): void; undoDelete(): boolean; runFocused(): void }) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ref.current.openPalette();
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === 'z' && !isTextTarget(e.target)) {
        if (ref.current.undoDelete()) e.preventDefault();
      } else if (e.key === 'Enter' && (e.shiftKey || mod) && !isTextTarget(e.target) && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        ref.current.runFocused();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * Deep links: `#cell-<id>` in the URL scrolls to that cell and highlights it for a few seconds, on load and on
 * every hash change. Calls `onTarget(id)` (the page highlights and focuses it).
 */
export function useDeepLink(onTarget: (id: string) => void) {
  const ref = useRef(onTarget);
  useEffect(() => {
    ref.current = onTarget;
  });
  useEffect(() => {
    const go = () => {
      const m = /^#cell-(.+)$/.exec(window.location.hash);
      if (!m) return;
      const id = decodeURIComponent(m[1]);
      const el = document.getElementById(`cell-${id}`);
      if (!el) return;
      el.scrollIntoView({ block: 'start' });
      ref.current(id);
    };
    // after the first paint, so the stage cells' bodies have their height
    const t = setTimeout(go, 50);
    window.addEventListener('hashchange', go);
    return () => {
      clearTimeout(t);
      window.removeEventListener('hashchange', go);
    };
  }, []);
}
