/**
 * The worker's own scheduler (one machine): every TICK_MS, fires the project schedules that are due
 * (lib/server/pipeline/run-schedules). Every worker runs it; the compare-and-set on `Schedule.lastRunAt` lets
 * exactly one of them start the job of a slot.
 */
import { monitoringTick } from '@/lib/server/monitoring/monitoring-tick';
import { tickSchedules } from '@/lib/server/pipeline/run-schedules';

export const SCHEDULER_TICK_MS = 30_000;

export function startScheduler(opts: { tickMs?: number; log?: (m: string) => void } = {}): { stop(): Promise<void> } {
  const log = opts.log ?? ((m: string) => console.log(`[scheduler] ${m}`));
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return; // a slow tick (a busy database) is not stacked
    running = tickSchedules()
      .then((fired) => {
        for (const f of fired) log(`${f.kind} for ${f.projectSlug}: ${f.jobId ? `queued job ${f.jobId}` : `nothing queued (${f.skipped})`}`);
      })
      .catch((e) => log(`tick failed: ${(e as Error).message}`))
      // monitoring (issue I): periodic alert rules (job failure, validation failure, SLO burn) and webhook delivery
      .then(() => monitoringTick())
      .then((m) => {
        if (m.raised + m.resolved + m.delivered > 0) log(`alerts: ${m.raised} raised, ${m.resolved} resolved, ${m.delivered} delivered`);
      })
      .catch((e) => log(`monitoring tick failed: ${(e as Error).message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, opts.tickMs ?? SCHEDULER_TICK_MS);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
