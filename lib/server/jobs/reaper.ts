/**
 * Lease recovery: a running job whose worker stopped heart-beating (the process died: SIGKILL, OOM, node lost)
 * is put back in the queue for another worker. The queue's own lease (pg-boss expireIn) is long for training
 * jobs, so this is what makes a crash cost seconds rather than hours. Runs in every worker; the compare-and-set
 * update lets exactly one of them requeue a given job.
 */
import { db } from '@/lib/server/db/client';
import { getBoss } from '@/lib/server/jobs/boss';

export async function reclaimStaleJobs(staleMs: number): Promise<string[]> {
  const stale = await db().$queryRaw<{ id: string; type: string; workerId: string | null }[]>`
    SELECT j.id, j.type, j."workerId"
    FROM "Job" j LEFT JOIN "WorkerHeartbeat" w ON w.id = j."workerId"
    WHERE j.status = 'running'
      AND (w.id IS NULL OR w."lastSeenAt" < now() - make_interval(secs => ${staleMs / 1000}))`;
  const requeued: string[] = [];
  for (const job of stale) {
    const { count } = await db().job.updateMany({
      where: { id: job.id, status: 'running', workerId: job.workerId },
      data: { status: 'queued', workerId: null, message: 'worker lost; requeued for another worker' },
    });
    if (count === 0) continue;
    const boss = await getBoss();
    await boss.send(job.type, { jobId: job.id }, { retryLimit: 2, retryBackoff: true, retryDelay: 5 });
    requeued.push(job.id);
  }
  // Forget workers silent for a long time.
  await db().workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: new Date(Date.now() - Math.max(10 * staleMs, 300_000)) } } });
  return requeued;
}
