import type { ReactNode } from 'react';
import type { Role } from '@/lib/auth/roles';
import type { NotebookState } from '@/lib/notebook/api';
import type { ScheduleDTO } from '@/lib/pipeline/settings';
import type { StageId, StageStatus } from '@/lib/pipeline/stages';
import { NotebookEditor } from './notebook-editor';

export interface NotebookProject {
  id: string;
  name: string;
  slug: string;
  description: string;
  isDemo: boolean;
}

/**
 * The project notebook: the page head, then the editor (components/notebook/notebook-editor) with the stage
 * cells' bodies (server-rendered by the page) and the free cells of the saved notebook document.
 */
export function Notebook({
  project,
  role,
  canEdit,
  notebook,
  statuses = {},
  staleReasons = {},
  cells = {},
  toolbar,
  schedules = [],
  snapshots = [],
  specVersions = [],
  sources = [],
}: {
  project: NotebookProject;
  role: Role;
  canEdit: boolean;
  notebook: NotebookState;
  statuses?: Partial<Record<StageId, StageStatus>>;
  /** why each stale stage is stale (lib/notebook/stage-stale) */
  staleReasons?: Partial<Record<StageId, string>>;
  /** The body of each stage cell that has one; the others show what they will do. */
  cells?: Partial<Record<StageId, ReactNode>>;
  /** Whole-notebook actions under the title (Run all and the latest pipeline run). */
  toolbar?: ReactNode;
  schedules?: ScheduleDTO[];
  snapshots?: { id: string; name: string }[];
  specVersions?: { id: string; version: number }[];
  sources?: { id: string; name: string }[];
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
      <NotebookEditor
        projectSlug={project.slug}
        canEdit={canEdit}
        initial={notebook}
        statuses={statuses}
        staleReasons={staleReasons}
        stageBodies={cells}
        toolbar={toolbar}
        schedules={schedules}
        snapshots={snapshots}
        specVersions={specVersions}
        sources={sources}
      />
    </div>
  );
}
