/**
 * The JSON shapes of the notebook API (app/api/projects/[slug]/notebook/**), shared by the routes and the page.
 */
import { z } from 'zod';
import type { CellType, NotebookDoc } from './doc';
import type { SettingChange } from './pipeline-diff';

export const NOTEBOOK_VERSION_KINDS = ['autosave', 'named', 'restore'] as const;
export type NotebookVersionKind = (typeof NOTEBOOK_VERSION_KINDS)[number];

/** A save at most this long after the same user's previous autosave version updates that version in place. */
export const AUTOSAVE_COALESCE_MS = 2 * 60_000;

/** PUT body. `doc` is checked with parseNotebook (422 naming the cell); `baseVersion` null = no saved version yet. */
export const saveNotebookInput = z.strictObject({
  doc: z.unknown(),
  baseVersion: z.number().int().min(1).nullable(),
  /** 'named' saves a new version with `label` that is never overwritten */
  kind: z.enum(['autosave', 'named']).default('autosave'),
  label: z.string().trim().min(1).max(120).optional(),
});
export type SaveNotebookInput = z.input<typeof saveNotebookInput>;

export const labelVersionInput = z.strictObject({ label: z.string().trim().max(120).nullable() });

export interface NotebookVersionMeta {
  version: number;
  kind: NotebookVersionKind;
  label: string | null;
  restoredFrom: number | null;
  author: string | null;
  createdAt: string;
  updatedAt: string;
  cells: Record<CellType, number>;
  /** pipeline settings changed against the previous version (empty: none) */
  pipelineChanges: SettingChange[];
}

/** GET /notebook: the current document; `version` null until the first save. */
export interface NotebookState {
  doc: NotebookDoc;
  version: number | null;
  meta: NotebookVersionMeta | null;
}

/** PUT /notebook and the restore: the version the save wrote. */
export interface SaveNotebookResult {
  version: number;
  /** true when an autosave updated the user's previous version in place */
  coalesced: boolean;
  meta: NotebookVersionMeta;
}

/** 409 body details of a save based on an older version. */
export interface NotebookConflict {
  latestVersion: number;
  author: string | null;
  savedAt: string;
}
