/**
 * PipelineRun rows: one per pipeline run, with each stage's status, summary and detail, the failed stage and
 * reason, and what the run produced. The recorder writes after every stage transition, so the notebook can show
 * a run live by polling.
 */
import type { Prisma } from '@/lib/server/generated/prisma/client';
import {
  PIPELINE_STAGE_IDS,
  type PipelineRunDTO,
  type PipelineRunResult,
  type PipelineStageId,
  type PipelineStageRecord,
  type PipelineTrigger,
} from '@/lib/pipeline/settings';
import { db } from '@/lib/server/db/client';
import { AppError } from '@/lib/server/errors';

export type { PipelineRunDTO } from '@/lib/pipeline/settings';

type Row = Awaited<ReturnType<ReturnType<typeof db>['pipelineRun']['findUniqueOrThrow']>>;

function toDTO(r: Row, email: Map<string, string>): PipelineRunDTO {
  return {
    id: r.id,
    projectId: r.projectId,
    trigger: r.trigger as PipelineTrigger,
    status: r.status as PipelineRunDTO['status'],
    failedStage: (r.failedStage as PipelineStageId | null) ?? null,
    error: r.error,
    stages: (Array.isArray(r.stages) ? r.stages : []) as unknown as PipelineStageRecord[],
    result: (r.result ?? {}) as PipelineRunResult,
    jobId: r.jobId,
    createdBy: r.createdById ? (email.get(r.createdById) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

async function toDTOs(rows: Row[]): Promise<PipelineRunDTO[]> {
  const ids = [...new Set(rows.map((r) => r.createdById).filter((x): x is string => !!x))];
  const users = ids.length ? await db().user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const email = new Map(users.map((u) => [u.id, u.email]));
  return rows.map((r) => toDTO(r, email));
}

/** The project's pipeline runs, newest first (at most `limit`, default 20). */
export async function listPipelineRuns(projectId: string, limit = 20): Promise<PipelineRunDTO[]> {
  const rows = await db().pipelineRun.findMany({ where: { projectId }, orderBy: { createdAt: 'desc' }, take: Math.max(1, Math.min(limit, 100)) });
  return toDTOs(rows);
}

/** One run, or 404 (also when `projectId` is given and the run is another project's). */
export async function getPipelineRun(id: string, projectId?: string): Promise<PipelineRunDTO> {
  const row = await db().pipelineRun.findUnique({ where: { id } });
  if (!row || (projectId !== undefined && row.projectId !== projectId)) throw new AppError('not_found', `no pipeline run ${id}`);
  return (await toDTOs([row]))[0];
}

/** Thrown by a stage: the run stops there with this reason. */
export class StageFailure extends Error {
  override readonly name = 'StageFailure';
  constructor(
    message: string,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Writes one run's progress: stage by stage, then the outcome. */
export class PipelineRecorder {
  private constructor(
    readonly id: string,
    private readonly stages: PipelineStageRecord[],
    private result: PipelineRunResult,
  ) {}

  static async create(input: { projectId: string; trigger: PipelineTrigger; jobId: string | null; createdById: string | null }): Promise<PipelineRecorder> {
    const stages: PipelineStageRecord[] = PIPELINE_STAGE_IDS.map((id) => ({ id, status: 'not_started', startedAt: null, finishedAt: null, summary: '', detail: {} }));
    const row = await db().pipelineRun.create({
      data: { projectId: input.projectId, trigger: input.trigger, jobId: input.jobId, createdById: input.createdById, stages: stages as unknown as Prisma.InputJsonValue },
    });
    return new PipelineRecorder(row.id, stages, {});
  }

  private stage(id: PipelineStageId): PipelineStageRecord {
    return this.stages.find((s) => s.id === id)!;
  }

  private async save(extra: Prisma.PipelineRunUpdateInput = {}): Promise<void> {
    await db().pipelineRun.update({
      where: { id: this.id },
      data: { stages: this.stages as unknown as Prisma.InputJsonValue, result: this.result as Prisma.InputJsonValue, ...extra },
    });
  }

  async start(id: PipelineStageId, summary: string): Promise<void> {
    Object.assign(this.stage(id), { status: 'running', startedAt: new Date().toISOString(), summary });
    await this.save();
  }

  /** Adds to a running stage's detail (e.g. the child job to follow) without changing its status. */
  async note(id: PipelineStageId, detail: Record<string, unknown>, result: PipelineRunResult = {}): Promise<void> {
    const st = this.stage(id);
    st.detail = { ...st.detail, ...detail };
    this.result = { ...this.result, ...result };
    await this.save();
  }

  async pass(id: PipelineStageId, summary: string, detail: Record<string, unknown>, result: PipelineRunResult = {}): Promise<void> {
    Object.assign(this.stage(id), { status: 'passed', finishedAt: new Date().toISOString(), summary, detail });
    this.result = { ...this.result, ...result };
    await this.save();
  }

  async fail(id: PipelineStageId, reason: string, detail: Record<string, unknown>): Promise<void> {
    Object.assign(this.stage(id), { status: 'failed', finishedAt: new Date().toISOString(), summary: reason, detail });
    await this.save({ status: 'failed', failedStage: id, error: `${id}: ${reason}`, finishedAt: new Date() });
  }

  async succeed(): Promise<void> {
    await this.save({ status: 'succeeded', finishedAt: new Date() });
  }

  get outcome(): PipelineRunResult {
    return this.result;
  }
}
