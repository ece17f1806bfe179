import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { OVERRIDE_REASON_MAX, OVERRIDE_REASON_MIN, recordOverride, trainingGate } from '@/lib/server/validation/gate';

const body = z.strictObject({ reason: z.string().trim().min(OVERRIDE_REASON_MIN).max(OVERRIDE_REASON_MAX) });

/** An approver overrides the snapshot's failed latest validation with a reason (audited); 201 with the new gate. */
export const POST = withRoute<{ id: string }>({ role: 'approver' }, async ({ params, json, user }) => {
  const { reason } = await json(body);
  const override = await recordOverride(params.id, user!.id, reason);
  return Response.json({ override, gate: await trainingGate(params.id) }, { status: 201 });
});
