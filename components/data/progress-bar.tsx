/** A labelled progress bar; `value` in [0, 1], or null for indeterminate. */
export function ProgressBar({ value, label, testId }: { value: number | null; label: string; testId?: string }) {
  const pct = value === null ? null : Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div className="stack" style={{ gap: 4 }} data-testid={testId} data-progress={pct ?? ''}>
      <progress max={100} value={pct ?? undefined} aria-label={label} style={{ width: '100%' }} />
      <span className="muted" style={{ fontSize: 12 }}>{label}{pct !== null ? ` — ${pct}%` : ''}</span>
    </div>
  );
}
