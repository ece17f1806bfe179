import type { ReactNode } from 'react';
import { STAGES, STAGE_STATUS_LABEL, type StageId, type StageStatus } from '@/lib/pipeline/stages';
import type { Role } from '@/lib/auth/roles';

export interface NotebookProject {
  id: string;
  name: string;
  slug: string;
  description: string;
  isDemo: boolean;
}

/** The project notebook: one cell per pipeline stage, in pipeline order. */
export function Notebook({
  project,
  role,
  statuses = {},
  cells = {},
  toolbar,
}: {
  project: NotebookProject;
  role: Role;
  statuses?: Partial<Record<StageId, StageStatus>>;
  /** The body of each stage cell that has one; the others show what they will do. */
  cells?: Partial<Record<StageId, ReactNode>>;
  /** Whole-notebook actions under the title (Run all and the latest pipeline run). */
  toolbar?: ReactNode;
}) {
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1 data-testid="project-name">{project.name}</h1>
          <p className="muted">{project.description || 'A churn-model notebook.'}</p>
        </div>
        <div className="row">
          {project.isDemo && <span className="badge">demo</span>}
          <span className="badge" title="Your role in this workbench">{role}</span>
        </div>
      </div>
      {toolbar}
      <ol className="notebook" aria-label="Pipeline cells" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {STAGES.map((stage, i) => {
          const status = statuses[stage.id] ?? 'not_started';
          return (
            <li key={stage.id} id={`cell-${stage.id}`} className="cell" data-testid={`cell-${stage.id}`}>
              <div className="cell-head">
                <span className="cell-index">[{i + 1}]</span>
                <span className="cell-title">{stage.title}</span>
                <span className={`badge badge-${status}`} data-testid={`status-${stage.id}`}>
                  {STAGE_STATUS_LABEL[status]}
                </span>
              </div>
              <div className="cell-body">
                {cells[stage.id] ?? (
                  <div className="empty">
                    <strong>Nothing here yet.</strong> {stage.summary}
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
