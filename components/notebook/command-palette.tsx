'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { fuzzyFilter } from '@/lib/notebook/fuzzy';
import styles from './notebook.module.css';

export interface PaletteAction {
  id: string;
  label: string;
  hint?: string;
  run(query: string): void;
}

/**
 * The command palette (Ctrl/Cmd+K): a fuzzy-filtered list of actions. Arrow keys move, Enter runs, Esc closes;
 * `dynamic` adds actions built from the typed text after the matches (e.g. `Save version "<text>"`).
 */
export function CommandPalette({
  actions,
  dynamic,
  onClose,
}: {
  actions: PaletteAction[];
  dynamic(query: string): PaletteAction[];
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const shown = useMemo(() => [...fuzzyFilter(actions, query, (a) => a.label), ...dynamic(query)], [actions, dynamic, query]);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  useEffect(() => {
    input.current?.focus();
  }, []);

  const choose = (a: PaletteAction | undefined) => {
    if (!a) return;
    onClose();
    a.run(query);
  };

  return (
    <div className={styles.backdrop} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className={styles.palette} data-testid="command-palette">
        <input
          ref={input}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={shown.length ? `${listId}-${current}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command or a cell name…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((current + 1) % Math.max(1, shown.length));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((current - 1 + shown.length) % Math.max(1, shown.length));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              choose(shown[current]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <ul id={listId} role="listbox" aria-label="Commands" className={styles.options}>
          {shown.length === 0 && <li className={styles.hint} style={{ padding: 8 }}>No command matches.</li>}
          {shown.map((a, i) => (
            <li
              key={a.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={styles.option}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(a);
              }}
            >
              <span>{a.label}</span>
              {a.hint && <span className={styles.hint}>{a.hint}</span>}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
