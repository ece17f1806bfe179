'use client';

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { NotebookState } from '@/lib/notebook/api';
import { RESERVED_NAMES, notebookProblems, type FreeCell, type NotebookDoc } from '@/lib/notebook/doc';
import { collapseAll, deleteCell, insertCell, makeCell, moveCell, updateCell, type NewCellType } from '@/lib/notebook/edit';
import type { SettingChange } from '@/lib/notebook/pipeline-diff';
import type { PipelineSettings, ScheduleDTO } from '@/lib/pipeline/settings';
import type { StageId, StageStatus } from '@/lib/pipeline/stages';
import { CellList, cellTitle } from './cell-list';
import { CommandPalette } from './command-palette';
import { notebookApi } from './notebook-api';
import { PipelinePanel } from './pipeline-panel';
import { paletteActions } from './palette-actions';
import { SaveStatusLine } from './save-status';
import { useAutosave } from './use-autosave';
import { useDeepLink, useNotebookKeys } from './use-notebook-keys';
import { useRunner } from './use-runner';
import { VersionsDrawer } from './versions-drawer';
import styles from './notebook.module.css';

export interface NotebookEditorProps {
  projectSlug: string;
  canEdit: boolean;
  initial: NotebookState;
  statuses: Partial<Record<StageId, StageStatus>>;
  staleReasons: Partial<Record<StageId, string>>;
  stageBodies: Partial<Record<StageId, ReactNode>>;
  schedules: ScheduleDTO[];
  /** newest first */
  snapshots: { id: string; name: string }[];
  specVersions: { id: string; version: number }[];
  sources: { id: string; name: string }[];
  toolbar?: ReactNode;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Per-cell name problems shown under the name field (the server checks the same on save). */
function nameErrors(doc: NotebookDoc): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const c of doc.cells) {
    if (c.type !== 'code') continue;
    if (!IDENT.test(c.name)) out.set(c.id, 'The name must be a JavaScript identifier (letters, digits, _ or $).');
    else if (RESERVED_NAMES.has(c.name)) out.set(c.id, `"${c.name}" is reserved (an input, a library or a JavaScript word).`);
    else if (seen.has(c.name)) out.set(c.id, `Another cell is already called "${c.name}".`);
    seen.set(c.name, c.id);
  }
  return out;
}

/** The notebook's client side: cells, autosave, versions, runs, stale marking, palette, undo and deep links. */
export function NotebookEditor(props: NotebookEditorProps) {
  const { projectSlug, canEdit, initial } = props;
  const [doc, setDoc] = useState<NotebookDoc>(initial.doc);
  const [saved, setSaved] = useState<{ version: number | null; pipeline: PipelineSettings }>({ version: initial.version, pipeline: initial.doc.pipeline });
  const [lastChange, setLastChange] = useState<{ version: number; changes: SettingChange[] } | null>(
    initial.meta && initial.meta.pipelineChanges.length ? { version: initial.meta.version, changes: initial.meta.pipelineChanges } : null,
  );
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [undoStack, setUndoStack] = useState<{ cell: FreeCell; index: number }[]>([]);
  const [toast, setToast] = useState<{ text: string; undo: boolean } | null>(null);
  const [formKey, setFormKey] = useState(0);

  const errors = useMemo(() => nameErrors(doc), [doc]);
  const problems = useMemo(() => notebookProblems(doc.cells), [doc]);
  const valid = errors.size === 0 && problems.length === 0;
  const autosave = useAutosave({
    projectSlug,
    doc,
    version: initial.version,
    enabled: canEdit && valid,
    onSaved: (version, meta, sentDoc) => {
      setSaved({ version, pipeline: sentDoc.pipeline });
      if (meta.pipelineChanges.length) setLastChange({ version, changes: meta.pipelineChanges });
    },
  });
  const latestSnapshotId = props.snapshots[0]?.id ?? null;
  const runner = useRunner({ doc, latestSnapshotId });

  const flash = useCallback((id: string) => {
    setHighlightId(id);
    setFocusedId(id);
    setTimeout(() => setHighlightId((h) => (h === id ? null : h)), 3000);
  }, []);
  useDeepLink(flash);

  const showToast = useCallback((text: string, undo = false) => {
    setToast({ text, undo });
    setTimeout(() => setToast((t) => (t?.text === text ? null : t)), 8000);
  }, []);

  const insert = useCallback(
    (afterIndex: number, type: NewCellType) => {
      const cell = makeCell(doc, type);
      setDoc(insertCell(doc, afterIndex + 1, cell));
      setFocusedId(cell.id);
      setTimeout(() => document.getElementById(`cell-${cell.id}`)?.querySelector<HTMLElement>('textarea, input, select')?.focus(), 30);
    },
    [doc],
  );
  const remove = useCallback(
    (id: string) => {
      const { doc: next, removed } = deleteCell(doc, id);
      if (!removed) return;
      setDoc(next);
      runner.forget(id);
      setUndoStack((s) => [...s.slice(-19), removed]);
      showToast(`Deleted ${removed.cell.type} cell "${cellTitle(removed.cell)}"`, true);
    },
    [doc, runner, showToast],
  );
  const undoDelete = useCallback((): boolean => {
    const last = undoStack[undoStack.length - 1];
    if (!last) return false;
    setUndoStack((s) => s.slice(0, -1));
    setDoc((d) => (d.cells.some((c) => c.id === last.cell.id) ? d : insertCell(d, last.index, last.cell)));
    setToast(null);
    setTimeout(() => flash(last.cell.id), 30);
    return true;
  }, [undoStack, flash]);

  const copyLink = useCallback(
    (id: string) => {
      const url = `${window.location.origin}${window.location.pathname}#cell-${encodeURIComponent(id)}`;
      window.history.replaceState(null, '', `#cell-${encodeURIComponent(id)}`);
      navigator.clipboard?.writeText(url).then(
        () => showToast('Link copied'),
        () => showToast(`Link: ${url}`),
      );
    },
    [showToast],
  );
  const goTo = useCallback(
    (id: string) => {
      document.getElementById(`cell-${id}`)?.scrollIntoView({ block: 'start' });
      window.history.replaceState(null, '', `#cell-${encodeURIComponent(id)}`);
      flash(id);
    },
    [flash],
  );
  const rerunStage = useCallback(() => {
    const btn = document.querySelector<HTMLButtonElement>('[data-testid="run-all-start"]');
    btn?.scrollIntoView({ block: 'center' });
    btn?.focus();
    showToast('Run all re-runs the pipeline from the data stage: press it to bring the stale stages up to date.');
  }, [showToast]);

  const runStale = useCallback(() => void runner.runCells([...runner.stale].filter((id) => doc.cells.find((c) => c.id === id)?.type === 'code')), [runner, doc]);
  const runFocused = useCallback(() => {
    const c = doc.cells.find((x) => x.id === focusedId);
    if (c?.type === 'code') void runner.runCells([c.id]);
  }, [doc, focusedId, runner]);

  const restored = useCallback(
    async (version: number) => {
      const res = await notebookApi(projectSlug).get();
      if (!res.ok) return showToast(`Restored v${version}, but reloading it failed: ${res.error}`);
      autosave.replace(res.data.doc, res.data.version);
      setDoc(res.data.doc);
      setFormKey((k) => k + 1);
      setSaved({ version: res.data.version, pipeline: res.data.doc.pipeline });
      if (res.data.meta?.pipelineChanges.length) setLastChange({ version: res.data.meta.version, changes: res.data.meta.pipelineChanges });
      showToast(`Restored as v${res.data.version}`);
    },
    [projectSlug, autosave, showToast],
  );

  useNotebookKeys({ openPalette: () => setPaletteOpen(true), undoDelete, runFocused });

  const focusIndex = Math.max(-1, doc.cells.findIndex((c) => c.id === focusedId));
  const actions = paletteActions({
    doc,
    canEdit,
    focused: focusIndex >= 0 ? doc.cells[focusIndex] : null,
    insertBelow: (type) => insert(focusIndex >= 0 ? focusIndex : doc.cells.length - 1, type),
    runFocused,
    runStale,
    staleCount: runner.stale.size,
    goTo,
    collapse: (c) => setDoc((d) => collapseAll(d, c)),
    openVersions: () => setVersionsOpen(true),
    copyLink,
  });
  const staleCode = [...runner.stale].filter((id) => doc.cells.find((c) => c.id === id)?.type === 'code');

  return (
    <>
      <div className={styles.toolbar} data-testid="notebook-toolbar">
        <SaveStatusLine canEdit={canEdit} status={autosave.status} version={saved.version} problems={valid ? [] : [...errors.values(), ...problems.map((x) => `${x.path}: ${x.message}`)]} />
        <span className={styles.spacer} />
        <button type="button" className="btn" onClick={() => setPaletteOpen(true)} title="Command palette (Ctrl/Cmd+K)">
          Commands <kbd className="muted">Ctrl K</kbd>
        </button>
        <button type="button" className="btn" onClick={() => setVersionsOpen(true)} data-testid="open-versions">Versions</button>
      </div>
      {props.toolbar}
      <PipelinePanel
        schedules={props.schedules}
        saved={saved}
        lastChange={lastChange}
        draft={doc.pipeline}
        canEdit={canEdit}
        specVersions={props.specVersions}
        sources={props.sources}
        formKey={formKey}
        onChange={(pipeline) => setDoc((d) => ({ ...d, pipeline }))}
      />
      {staleCode.length > 0 && (
        <div className={styles.banner} role="status" data-testid="stale-banner">
          <span>{staleCode.length === 1 ? '1 cell is stale' : `${staleCode.length} cells are stale`}: an input changed since {staleCode.length === 1 ? 'it' : 'they'} last ran.</span>
          <button type="button" className="btn" onClick={runStale} disabled={runner.runningId !== null}>Re-run stale</button>
        </div>
      )}
      <CellList
        doc={doc}
        canEdit={canEdit}
        statuses={props.statuses}
        staleReasons={props.staleReasons}
        stageBodies={props.stageBodies}
        runner={runner}
        snapshots={props.snapshots}
        nameErrors={errors}
        highlightId={highlightId}
        setFocused={setFocusedId}
        insert={insert}
        move={(id, dir) => setDoc((d) => moveCell(d, id, dir))}
        remove={remove}
        patch={(id, patch) => setDoc((d) => updateCell(d, id, patch))}
        toggle={(id) => setDoc((d) => updateCell(d, id, { collapsed: !d.cells.find((c) => c.id === id)?.collapsed }))}
        copyLink={copyLink}
        rerunStage={rerunStage}
      />
      {paletteOpen && (
        <CommandPalette
          actions={actions}
          dynamic={(q) => (canEdit && q.trim() ? [{ id: 'save-named', label: `Save version "${q.trim()}"`, hint: 'named version', run: (text) => void autosave.saveNamed(text.trim()).then((e) => showToast(e ?? `Saved version "${text.trim()}"`)) }] : [])}
          onClose={() => setPaletteOpen(false)}
        />
      )}
      {versionsOpen && (
        <VersionsDrawer
          projectSlug={projectSlug}
          canEdit={canEdit}
          currentVersion={saved.version}
          onRestored={restored}
          onSaveNamed={autosave.saveNamed}
          onClose={() => setVersionsOpen(false)}
        />
      )}
      {toast && (
        <div className={styles.toast} role="status" data-testid="toast">
          <span>{toast.text}</span>
          {toast.undo && undoStack.length > 0 && <button type="button" onClick={undoDelete}>Undo</button>}
        </div>
      )}
    </>
  );
}
