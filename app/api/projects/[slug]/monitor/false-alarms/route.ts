import { z } from 'zod';
import { withRoute } from '@/lib/server/http/with-route';
import { driftFalseAlarms, driftSettingsInput } from '@/lib/server/monitoring/drift';
import { projectIdForSlug } from '@/lib/server/projects/project-scope';

const body = z.strictObject({ batchSize: z.number().int().min(10).max(200_000), trials: z.number().int().min(5).max(500).default(50), settings: driftSettingsInput.optional() });

/**
 * The false-alarm check of candidate drift settings: resamples the champion's training rows at `batchSize`
 * `trials` times and returns how often each rule would fire on unchanged data (before saving the rule).
 */
export const POST = withRoute<{ slug: string }>({ role: 'scientist' }, async ({ params, json }) => {
  const input = await json(body);
  return driftFalseAlarms(await projectIdForSlug(params.slug), input);
});
