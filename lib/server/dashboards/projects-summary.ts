/** The dashboard picker: every project with the headline numbers of its latest batch. */
import { listProjects } from '@/lib/server/projects/projects';
import { latestBatch } from '@/lib/server/scoring/batches';

export interface DashboardProjectSummary {
  slug: string;
  name: string;
  isDemo: boolean;
  batch: { batchDate: string; modelName: string; modelVersion: number; customers: number; highRiskShare: number | null } | null;
}

export async function listDashboardProjects(): Promise<DashboardProjectSummary[]> {
  const projects = await listProjects();
  return Promise.all(
    projects.map(async (p) => {
      const b = await latestBatch(p.id);
      const stats = (b?.stats ?? {}) as { customers?: number; positiveRate?: number };
      return {
        slug: p.slug,
        name: p.name,
        isDemo: p.isDemo,
        batch: b ? { batchDate: b.batchDate, modelName: b.modelName, modelVersion: b.modelVersion, customers: stats.customers ?? b.rowCount, highRiskShare: typeof stats.positiveRate === 'number' ? stats.positiveRate : null } : null,
      };
    }),
  );
}
