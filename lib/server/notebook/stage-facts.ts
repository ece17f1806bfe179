/**
 * The facts the stage-staleness rules (lib/notebook/stage-stale) read: the newest snapshot, validation, feature
 * spec version, succeeded run, registered version and champion of a project. Archived snapshots do not count.
 */
import 'server-only';
import type { StageFacts } from '@/lib/notebook/stage-stale';
import { db } from '@/lib/server/db/client';

export async function loadStageFacts(projectId: string): Promise<StageFacts> {
  const [snap, validation, spec, run, mv, champion] = await Promise.all([
    db().snapshot.findFirst({ where: { projectId, archivedAt: null }, orderBy: { createdAt: 'desc' }, select: { id: true, name: true, createdAt: true } }),
    db().validationRun.findFirst({ where: { projectId }, orderBy: { createdAt: 'desc' }, select: { snapshotId: true, createdAt: true, snapshot: { select: { name: true } } } }),
    db().featureSpecVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' }, select: { version: true } }),
    db().run.findFirst({
      where: { projectId, status: 'succeeded' },
      orderBy: { createdAt: 'desc' },
      select: { id: true, name: true, snapshotId: true, createdAt: true, snapshot: { select: { name: true } }, featureSpec: { select: { version: true } } },
    }),
    db().modelVersion.findFirst({ where: { model: { projectId } }, orderBy: { createdAt: 'desc' }, select: { version: true, runId: true, createdAt: true, model: { select: { name: true } } } }),
    db().modelAlias.findFirst({ where: { alias: 'champion', model: { projectId } }, orderBy: { updatedAt: 'desc' }, select: { model: { select: { name: true } }, version: { select: { version: true, runId: true } } } }),
  ]);
  return {
    latestSnapshot: snap && { id: snap.id, name: snap.name, createdAt: snap.createdAt.toISOString() },
    latestValidation: validation && { snapshotId: validation.snapshotId, snapshotName: validation.snapshot.name, createdAt: validation.createdAt.toISOString() },
    latestSpecVersion: spec?.version ?? null,
    latestRun: run && {
      id: run.id,
      name: run.name,
      snapshotId: run.snapshotId,
      snapshotName: run.snapshot.name,
      specVersion: run.featureSpec?.version ?? null,
      createdAt: run.createdAt.toISOString(),
    },
    latestModelVersion: mv && { model: mv.model.name, version: mv.version, runId: mv.runId, createdAt: mv.createdAt.toISOString() },
    champion: champion && { model: champion.model.name, version: champion.version.version, runId: champion.version.runId },
  };
}
