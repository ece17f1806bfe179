'use client';

import Link from 'next/link';
import type { ValidationRunSummaryDTO } from '@/lib/api/dto';
import { formatDate } from '@/lib/data/explore/format';

/** The Validate cell's latest run: passed or failed, expectations met, errors and warnings, and a link to its report. */
export function LastRunStatus({ run, href }: { run: ValidationRunSummaryDTO; href: string }) {
  return (
    <>
      <span
        className={run.success ? 'badge badge-passed' : 'badge badge-failed'}
        data-testid="validation-status"
        data-status={run.success ? 'passed' : 'failed'}
        title={`suite v${run.suiteVersion}, ${formatDate(run.createdAt)}`}
      >
        {run.success ? 'Passed' : 'Failed'} · {run.evaluated - run.failedErrors - run.failedWarnings}/{run.evaluated} ·{' '}
        {run.failedErrors} error{run.failedErrors === 1 ? '' : 's'}, {run.failedWarnings} warning{run.failedWarnings === 1 ? '' : 's'}
      </span>
      <Link href={href} data-testid="report-link">
        Open the report
      </Link>
    </>
  );
}

/** Up to 10 earlier runs on the snapshot (`history` is newest first; its first entry is the latest run). */
export function EarlierRuns({ history, reportHref }: { history: ValidationRunSummaryDTO[]; reportHref: (id: string) => string }) {
  if (history.length <= 1) return null;
  return (
    <details>
      <summary className="muted">Earlier runs on this snapshot ({history.length - 1})</summary>
      <ul>
        {history.slice(1, 11).map((h) => (
          <li key={h.id}>
            <Link href={reportHref(h.id)}>{formatDate(h.createdAt)}</Link> · suite “{h.suiteName}” v{h.suiteVersion} ·{' '}
            <span className={h.success ? 'badge badge-passed' : 'badge badge-failed'}>{h.success ? 'passed' : 'failed'}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
