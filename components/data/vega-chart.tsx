'use client';

import { useEffect, useRef, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec. vega-embed and the expression interpreter are imported on first render, so pages that
 * never show a chart never download vega. `ast: true` + the interpreter: the CSP forbids eval/new Function.
 */
export function VegaChart({ spec, label }: { spec: TopLevelSpec; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let finalize: (() => void) | null = null;
    (async () => {
      try {
        const [{ default: embed }, { expressionInterpreter }] = await Promise.all([import('vega-embed'), import('vega-interpreter')]);
        if (cancelled || !ref.current) return;
        const result = await embed(ref.current, spec, { ast: true, expr: expressionInterpreter, actions: false, renderer: 'svg' });
        if (cancelled) result.finalize();
        else {
          finalize = () => result.finalize();
          setError(null);
          setReady(true);
        }
      } catch (e) {
        if (!cancelled) setError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);

  return (
    <div data-testid="chart" data-ready={ready ? 'true' : 'false'} aria-label={label} role="figure">
      {error && <div className="alert alert-error">Chart failed: {error}</div>}
      {!ready && !error && <div className="muted">Loading chart…</div>}
      <div ref={ref} style={{ width: '100%' }} />
    </div>
  );
}
