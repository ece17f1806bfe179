import { withRoute } from '@/lib/server/http/with-route';
import { getJob } from '@/lib/server/jobs/jobs';

export const dynamic = 'force-dynamic';

/**
 * Server-sent events for one job: the job's state whenever it changes (progress, loss curve, status), until it
 * finishes. A reloaded page simply reconnects and gets the current state first.
 */
export const GET = withRoute<{ id: string }>({ role: 'viewer' }, async ({ params, req }) => {
  const first = await getJob(params.id);
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = '';
      const send = (job: unknown) => {
        const text = JSON.stringify(job);
        if (text === last) return;
        last = text;
        controller.enqueue(encoder.encode(`data: ${text}\n\n`));
      };
      const finished = (s: string) => s === 'succeeded' || s === 'failed' || s === 'cancelled';
      send(first);
      if (finished(first.status)) return controller.close();
      timer = setInterval(async () => {
        try {
          const job = await getJob(params.id);
          send(job);
          if (finished(job.status)) {
            clearInterval(timer);
            controller.close();
          }
        } catch {
          clearInterval(timer);
          controller.close();
        }
      }, 500);
      req.signal.addEventListener('abort', () => {
        clearInterval(timer);
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      });
    },
    cancel() {
      clearInterval(timer);
    },
  });
  return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
});
