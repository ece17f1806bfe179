import { notFound } from 'next/navigation';
import { DataCell } from '@/components/data/data-cell';
import { FeaturesCell } from '@/components/features/features-cell';
import { MonitorCell } from '@/components/monitor/monitor-cell';
import { Notebook } from '@/components/notebook/notebook';
import { RunAll } from '@/components/pipeline/run-all';
import { SchedulesEditor } from '@/components/pipeline/schedules-editor';
import { RegistryCell } from '@/components/registry/registry-cell';
import { ServeCell } from '@/components/serve/serve-cell';
import { EvaluateCell } from '@/components/training/evaluate-cell';
import { TrainCell } from '@/components/training/train-cell';
import { ValidateCell } from '@/components/validation/validate-cell';
import { hasRole } from '@/lib/auth/roles';
import { staleStages, withStaleness } from '@/lib/notebook/stage-stale';
import type { StageId, StageStatus } from '@/lib/pipeline/stages';
import { requirePageUser } from '@/lib/server/auth/page-guard';
import { AppError } from '@/lib/server/errors';
import { listSpecVersions } from '@/lib/server/features/specs';
import { listJobs } from '@/lib/server/jobs/jobs';
import { loadMonitorView } from '@/lib/server/monitoring/monitor-view';
import { loadStageFacts } from '@/lib/server/notebook/stage-facts';
import { getNotebook } from '@/lib/server/notebook/versions';
import { listPipelineRuns } from '@/lib/server/pipeline/pipeline-runs';
import { listSchedules } from '@/lib/server/pipeline/schedules';
import { getProjectBySlug } from '@/lib/server/projects/projects';
import { getModelDetail, listModels } from '@/lib/server/registry/registry';
import { listSnapshots } from '@/lib/server/snapshots/snapshots';
import { listSources } from '@/lib/server/sources/sources';
import { SEED_GBDT_PARAMS } from '@/lib/server/training/model-families';
import { listRuns } from '@/lib/server/training/runs';
import { validateStageStatus } from '@/lib/server/validation/stage-status';
import { latestSuite } from '@/lib/server/validation/suites';

export default async function ProjectPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requirePageUser('viewer', `/projects/${slug}`);
  const project = await getProjectBySlug(slug).catch((e) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const [snapshots, sources, jobs] = await Promise.all([listSnapshots(project.id), listSources(project.id), listJobs(project.id)]);
  // After the snapshots: a project's first spec version is derived from its latest snapshot.
  const [specVersions, suite, validateStatus, runs, models, pipelineRuns, schedules, monitorView, notebook, stageFacts] = await Promise.all([
    listSpecVersions(project.id),
    latestSuite(project.id),
    validateStageStatus(project.id),
    listRuns(project.id),
    listModels(project.id),
    listPipelineRuns(project.id, 1),
    listSchedules(project.id),
    loadMonitorView(project.id),
    getNotebook(project.id),
    loadStageFacts(project.id),
  ]);
  // Each model's audit trail and promotion requests, for the Registry cell's open requests.
  const modelDetails = await Promise.all(models.map((m) => getModelDetail(m.name)));
  const trainRunning = jobs.find((j) => j.type === 'train' && (j.status === 'queued' || j.status === 'running')) ?? null;
  const canEdit = hasRole(user.role, 'scientist');
  const registryPerms = { canRegister: canEdit, canPromote: hasRole(user.role, 'approver'), me: { id: user.id, email: user.email } };
  const ingestRunning = jobs.some((j) => j.type === 'ingest' && (j.status === 'queued' || j.status === 'running'));
  const baseStatuses: Record<StageId, StageStatus> = {
    data: ingestRunning ? 'running' : snapshots.length > 0 ? 'passed' : 'not_started',
    validate: validateStatus,
    features: specVersions.length > 0 ? 'passed' : 'not_started',
    train: trainRunning ? 'running' : runs.length > 0 ? 'passed' : 'not_started',
    evaluate: runs.length > 0 ? 'passed' : 'not_started',
    registry: models.length > 0 ? 'passed' : 'not_started',
    serve: models.some((m) => m.champion) ? 'passed' : 'not_started',
    monitor: monitorView.initialAlerts.some((a) => a.status === 'open' && a.severity === 'critical') ? 'failed' : monitorView.initialReports.length > 0 ? 'passed' : 'not_started',
  };
  // A passed stage whose inputs moved on since it ran shows 'stale', with the reason in its tooltip.
  const staleReasons = staleStages(stageFacts);
  const statuses = Object.fromEntries(Object.entries(baseStatuses).map(([id, s]) => [id, withStaleness(s, staleReasons[id as StageId])])) as Record<StageId, StageStatus>;
  return (
    <Notebook
      toolbar={<RunAll projectSlug={project.slug} canRun={canEdit} initialRuns={pipelineRuns} />}
      project={project}
      role={user.role}
      canEdit={canEdit}
      notebook={notebook}
      statuses={statuses}
      staleReasons={staleReasons}
      schedules={schedules}
      snapshots={snapshots.map((s) => ({ id: s.id, name: s.name }))}
      specVersions={specVersions.map((v) => ({ id: v.id, version: v.version }))}
      sources={sources.map((s) => ({ id: s.id, name: s.name }))}
      cells={{
        data: <DataCell projectSlug={project.slug} canEdit={canEdit} initialSnapshots={snapshots} initialSources={sources} initialJobs={jobs} />,
        // Keyed by the newest snapshot: these cells seed their state from props once, and a new snapshot (after an
        // upload or ingest and router.refresh()) must give them its suite and derived spec, not the empty first render.
        validate: <ValidateCell key={`validate-${snapshots[0]?.id ?? 'none'}`} projectSlug={project.slug} canEdit={canEdit} canOverride={hasRole(user.role, 'approver')} snapshots={snapshots} initialSuite={suite} />,
        features: <FeaturesCell key={`features-${snapshots[0]?.id ?? 'none'}`} projectSlug={project.slug} canEdit={canEdit} snapshots={snapshots} initialVersions={specVersions} />,
        train: (
          <TrainCell
            projectSlug={project.slug}
            canEdit={canEdit}
            snapshots={snapshots.filter((s) => s.targetColumn && s.positiveValue !== null && !s.archivedAt)}
            defaultParams={SEED_GBDT_PARAMS}
            activeJob={trainRunning}
          />
        ),
        evaluate: <EvaluateCell projectSlug={project.slug} runs={runs} />,
        registry: <RegistryCell projectSlug={project.slug} perms={registryPerms} initialDetails={modelDetails} initialRuns={runs} />,
        serve: (
          <div className="stack">
            <ServeCell projectSlug={project.slug} initialModels={models} canUseKeys={canEdit} />
            <SchedulesEditor projectSlug={project.slug} canEdit={canEdit} initialSchedules={schedules} />
          </div>
        ),
        monitor: <MonitorCell projectSlug={project.slug} canEdit={canEdit} {...monitorView} />,
      }}
    />
  );
}
