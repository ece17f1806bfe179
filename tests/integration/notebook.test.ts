/**
 * The notebook's versions against a real PostgreSQL: first read (default, unsaved), saves with autosave
 * coalescing and new versions, the 409 conflict naming the newer version and its author, restore (a new version
 * with the old content that rewrites the pipeline settings), the pipeline settings route writing a notebook
 * version, viewers refused, invalid documents refused naming the cell, and the stage facts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotebookDoc } from '@/lib/notebook/doc';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database';

let t: TestDatabase;
let projectId: string;
let sci: { id: string; role: 'scientist' };
let sci2: { id: string; role: 'scientist' };
let viewer: { id: string; role: 'viewer' };

const mod = async () => ({
  ...(await import('@/lib/server/notebook/versions')),
  ...(await import('@/lib/server/notebook/save-notebook')),
});

async function status(p: Promise<unknown>): Promise<{ status: number; message: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    // as a route would answer it (AppError → its status, ZodError → 400)
    const { toErrorResponse } = await import('@/lib/server/errors');
    const { status: code, body } = toErrorResponse(e);
    const { message, code: _c, ...details } = body.error;
    void _c;
    return { status: code, message, details };
  }
  return { status: 200, message: '', details: {} };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const { createUser } = await import('@/lib/server/users/users');
  const { createProject } = await import('@/lib/server/projects/projects');
  sci = { id: (await createUser({ email: 'sci@example.com', password: 'scientist-pass', role: 'scientist' })).id, role: 'scientist' };
  sci2 = { id: (await createUser({ email: 'other@example.com', password: 'scientist-pass', role: 'scientist' })).id, role: 'scientist' };
  viewer = { id: (await createUser({ email: 'viewer@example.com', password: 'viewer-pass-1', role: 'viewer' })).id, role: 'viewer' };
  projectId = (await createProject(sci.id, { name: 'Notebook' })).id;
}, 120_000);

afterAll(async () => {
  await t?.drop();
});

describe('notebook versions', () => {
  let doc: NotebookDoc;

  it('a project with no versions reads as the default notebook of its settings, not saved', async () => {
    const { getNotebook, listNotebookVersions } = await mod();
    const s = await getNotebook(projectId);
    expect(s.version).toBeNull();
    expect(s.doc.cells.map((c) => c.id)).toEqual(['data', 'validate', 'features', 'train', 'evaluate', 'registry', 'serve', 'monitor']);
    expect(s.doc.pipeline.training.family).toBe('gbdt');
    expect(await listNotebookVersions(projectId)).toEqual([]);
    doc = s.doc;
  });

  it('saves v1, coalesces the same user within 2 minutes, and makes a new version later or for another user', async () => {
    const { saveNotebook, listNotebookVersions, getNotebook } = await mod();
    const t0 = new Date();
    const withMd = (source: string): NotebookDoc => ({ ...doc, cells: [{ id: 'm1', type: 'markdown', source }, ...doc.cells] });
    const r1 = await saveNotebook(projectId, { doc: withMd('one'), baseVersion: null }, sci, t0);
    expect(r1).toMatchObject({ version: 1, coalesced: false, meta: { kind: 'autosave', author: 'sci@example.com', cells: { stage: 8, markdown: 1 } } });
    const r2 = await saveNotebook(projectId, { doc: withMd('two'), baseVersion: 1 }, sci, new Date(t0.getTime() + 60_000));
    expect(r2).toMatchObject({ version: 1, coalesced: true });
    expect((await getNotebook(projectId)).doc.cells[0]).toMatchObject({ source: 'two' });
    // more than 2 minutes after v1 was created: a new version
    const r3 = await saveNotebook(projectId, { doc: withMd('three'), baseVersion: 1 }, sci, new Date(t0.getTime() + 3 * 60_000));
    expect(r3).toMatchObject({ version: 2, coalesced: false });
    // another user never writes into sci's version
    const r4 = await saveNotebook(projectId, { doc: withMd('four'), baseVersion: 2 }, sci2, new Date(t0.getTime() + 3 * 60_000 + 1000));
    expect(r4).toMatchObject({ version: 3, coalesced: false, meta: { author: 'other@example.com' } });
    // a named save is a new version, and no autosave overwrites it
    const r5 = await saveNotebook(projectId, { doc: withMd('five'), baseVersion: 3, kind: 'named', label: 'baseline' }, sci2);
    expect(r5).toMatchObject({ version: 4, meta: { kind: 'named', label: 'baseline' } });
    const r6 = await saveNotebook(projectId, { doc: withMd('six'), baseVersion: 4 }, sci2);
    expect(r6).toMatchObject({ version: 5, coalesced: false });
    const list = await listNotebookVersions(projectId);
    expect(list.map((v) => [v.version, v.kind, v.author])).toEqual([
      [5, 'autosave', 'other@example.com'],
      [4, 'named', 'other@example.com'],
      [3, 'autosave', 'other@example.com'],
      [2, 'autosave', 'sci@example.com'],
      [1, 'autosave', 'sci@example.com'],
    ]);
  });

  it('a save based on an older version is a 409 naming the newer version and its author', async () => {
    const { saveNotebook, getNotebook } = await mod();
    const r = await status(saveNotebook(projectId, { doc, baseVersion: 3 }, sci));
    expect(r.status).toBe(409);
    expect(r.message).toMatch(/the notebook is at v5 \(saved by other@example.com\)/);
    expect(r.details).toMatchObject({ latestVersion: 5, author: 'other@example.com' });
    expect((await status(saveNotebook(projectId, { doc, baseVersion: null }, sci))).status).toBe(409);
    expect((await getNotebook(projectId)).version).toBe(5);
  });

  it('viewers cannot save, restore or name versions', async () => {
    const { saveNotebook, restoreNotebookVersion, labelNotebookVersion } = await mod();
    expect((await status(saveNotebook(projectId, { doc, baseVersion: 5 }, viewer))).status).toBe(403);
    expect((await status(restoreNotebookVersion(projectId, 1, viewer))).status).toBe(403);
    expect((await status(labelNotebookVersion(projectId, 1, { label: 'x' }, viewer))).status).toBe(403);
  });

  it('invalid documents are refused with a 4xx naming the cell or field', async () => {
    const { saveNotebook } = await mod();
    const cases: [unknown, RegExp][] = [
      [{ ...doc, cells: doc.cells.filter((c) => c.id !== 'train') }, /stage cell "train" is missing/],
      [{ ...doc, cells: [...doc.cells, { id: 'k', type: 'code', name: 'snapshot', source: '' }] }, /cells\.8 \(code cell "snapshot"\)\.name: "snapshot" is reserved/],
      [{ ...doc, cells: [...doc.cells, { id: 'k', type: 'code', name: 'a b', source: '' }] }, /doc\.cells\.8\.name: must be a JavaScript identifier/],
      [{ ...doc, format: 'ipynb' }, /doc\.format: expected "churnlab.notebook"/],
      [{ ...doc, pipeline: { ...doc.pipeline, training: { ...doc.pipeline.training, testFraction: 2 } } }, /doc\.pipeline\.training\.testFraction/],
      [{ ...doc, pipeline: { ...doc.pipeline, features: { specVersionId: 'nope' } } }, /doc\.pipeline\.features\.specVersionId: no feature spec version "nope"/],
    ];
    for (const [bad, re] of cases) {
      const r = await status(saveNotebook(projectId, { doc: bad, baseVersion: 5 }, sci));
      expect(r.status, re.source).toBe(422);
      expect(r.message).toMatch(re);
    }
    expect((await status(saveNotebook(projectId, { doc, baseVersion: 'x' }, sci))).status).toBe(400);
  });

  it('a save changing the pipeline writes the settings (new version, audited); restore brings the old content and settings back', async () => {
    const { saveNotebook, restoreNotebookVersion, getNotebook, getNotebookVersion, listNotebookVersions } = await mod();
    const { getPipelineSettings } = await import('@/lib/server/pipeline/settings');
    const before = await getNotebook(projectId);
    const changed: NotebookDoc = { ...before.doc, cells: before.doc.cells.filter((c) => c.type === 'stage'), pipeline: { ...before.doc.pipeline, training: { ...before.doc.pipeline.training, params: { max_iter: 200 } } } };
    const r = await saveNotebook(projectId, { doc: changed, baseVersion: 5 }, sci2);
    // sci2's previous autosave (v5) is recent, but a pipeline change always makes its own version
    expect(r).toMatchObject({ version: 6, coalesced: false });
    expect(r.meta.pipelineChanges).toEqual([{ path: 'training.params.max_iter', from: undefined, to: 200 }]);
    expect((await getPipelineSettings(projectId)).training.params).toEqual({ max_iter: 200 });

    const restored = await restoreNotebookVersion(projectId, 5, sci);
    expect(restored).toMatchObject({ version: 7, meta: { kind: 'restore', restoredFrom: 5, author: 'sci@example.com' } });
    expect((await getPipelineSettings(projectId)).training.params).toEqual({});
    const now = await getNotebook(projectId);
    expect(now.version).toBe(7);
    expect(now.doc).toEqual((await getNotebookVersion(projectId, 5)).doc);
    expect((await listNotebookVersions(projectId))[0].pipelineChanges).toEqual([{ path: 'training.params.max_iter', from: 200, to: undefined }]);
    expect((await status(restoreNotebookVersion(projectId, 99, sci))).status).toBe(404);

    const { db } = await import('@/lib/server/db/client');
    const audit = await db().auditLog.findMany({ where: { target: `project:${projectId}`, action: { startsWith: 'notebook.' } }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['notebook.pipeline_change', 'notebook.restore']);
    expect(audit[0].detail).toMatchObject({ version: 6, changes: 'training.params.max_iter (unset) → 200' });
  });

  it('the pipeline settings route writes a notebook version carrying the new settings and the current cells', async () => {
    const { updatePipelineSettings } = await import('@/lib/server/pipeline/settings');
    const { getNotebook, listNotebookVersions } = await mod();
    const cellsBefore = (await getNotebook(projectId)).doc.cells;
    await updatePipelineSettings(projectId, { registry: { autoPromote: false } }, sci.id);
    const now = await getNotebook(projectId);
    expect(now.version).toBe(8);
    expect(now.doc.pipeline.registry.autoPromote).toBe(false);
    expect(now.doc.cells).toEqual(cellsBefore);
    expect((await listNotebookVersions(projectId))[0]).toMatchObject({ version: 8, author: 'sci@example.com', pipelineChanges: [{ path: 'registry.autoPromote', from: true, to: false }] });
  });

  it('naming a version makes it named; a version can be read by number', async () => {
    const { labelNotebookVersion, getNotebookVersion } = await mod();
    expect(await labelNotebookVersion(projectId, 2, { label: 'first draft' }, sci)).toMatchObject({ version: 2, kind: 'named', label: 'first draft' });
    expect((await getNotebookVersion(projectId, 2)).meta.label).toBe('first draft');
    expect((await status(getNotebookVersion(projectId, 42))).status).toBe(404);
  });

  it('stage facts of an empty project are empty', async () => {
    const { loadStageFacts } = await import('@/lib/server/notebook/stage-facts');
    expect(await loadStageFacts(projectId)).toEqual({ latestSnapshot: null, latestValidation: null, latestSpecVersion: null, latestRun: null, latestModelVersion: null, champion: null });
  });
});
