/** The feature spec a training run uses: a given version, else the project's latest, else a default from the data. */
import { defaultSpecFromProfile, parseFeatureSpec, seedFeatureSpec, SEED_COLUMNS, type FeatureSpec } from '@/lib/features';
import type { TableLike } from '@/lib/data/table';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export async function resolveFeatureSpec(
  projectId: string,
  featureSpecId: string | undefined,
  table: TableLike,
  target: string,
): Promise<{ spec: FeatureSpec; versionId: string | null; version: number | null }> {
  const row = featureSpecId
    ? await db().featureSpecVersion.findUnique({ where: { id: featureSpecId } })
    : await db().featureSpecVersion.findFirst({ where: { projectId }, orderBy: { version: 'desc' } });
  if (featureSpecId && (!row || row.projectId !== projectId)) throw new AppError('not_found', `no feature spec ${featureSpecId} in this project`);
  if (row) return { spec: parseFeatureSpec(row.spec), versionId: row.id, version: row.version };
  const names = table.columnNames();
  const seedShaped = SEED_COLUMNS.every((c) => names.includes(c));
  return { spec: seedShaped ? seedFeatureSpec() : defaultSpecFromProfile(table, target), versionId: null, version: null };
}
