/**
 * The pipeline's order, ingest → validate → features → train, enforced at training time: a snapshot the project's
 * suite has not judged yet is validated now; then the gate decides (a failed error-level expectation stops
 * training with a 409 naming it, unless an approver overrode that run).
 */
import type { GateDTO } from '@/lib/api/dto';
import { assertTrainable, trainingGate } from '@/lib/server/validation/gate';
import { runValidation } from '@/lib/server/validation/run-validation';

export async function validateBeforeTraining(projectId: string, snapshotId: string, userId: string | null): Promise<GateDTO> {
  // Two trainings started at once on a fresh project may each create the first suite version; a run against a
  // version that is no longer the latest leaves the gate "not validated", so validate again against the latest.
  for (let attempt = 0; attempt < 3; attempt++) {
    const gate = await trainingGate(snapshotId);
    if (gate.state !== 'not_validated') break;
    await runValidation(projectId, snapshotId, undefined, userId);
  }
  return assertTrainable(snapshotId);
}
