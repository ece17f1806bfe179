/**
 * The pipeline's order, ingest → validate → features → train, enforced at training time: a snapshot the project's
 * suite has not judged yet is validated now; then the gate decides (a failed error-level expectation stops
 * training with a 409 naming it, unless an approver overrode that run).
 */
import type { GateDTO } from '@/lib/api/dto';
import { AppError } from '@/lib/server/errors';
import { trainingGate } from '@/lib/server/validation/gate';
import { runValidation } from '@/lib/server/validation/run-validation';
import { ensureDefaultSuite } from '@/lib/server/validation/suites';

export async function validateBeforeTraining(projectId: string, snapshotId: string, userId: string | null): Promise<GateDTO> {
  // The default suite appears the first time anyone looks at the project (a page load right after an upload may be
  // creating it this instant): create it here too, so "no suite yet" never lets a snapshot past a suite that
  // exists a moment later.
  await ensureDefaultSuite(projectId);
  // Two trainings started at once on a fresh project may each create the first suite version; a run against a
  // version that is no longer the latest leaves the gate "not validated", so validate again against the latest.
  // The decision is the gate read last, never a re-read after the loop.
  let gate = await trainingGate(snapshotId);
  for (let attempt = 0; attempt < 3 && gate.state === 'not_validated'; attempt++) {
    await runValidation(projectId, snapshotId, undefined, userId);
    gate = await trainingGate(snapshotId);
  }
  if (!gate.allowed) throw new AppError('conflict', gate.reason, { gate: gate.state, failed: gate.failed });
  return gate;
}
