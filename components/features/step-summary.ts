/** Labels, one-line summaries and blank templates of feature steps, for the Features cell. */
import type { Step } from '@/lib/features';

export const STEP_TYPES = ['impute', 'derive', 'bin', 'encode', 'scale', 'select', 'drop'] as const;
export type StepType = (typeof STEP_TYPES)[number];

const list = (c: string[] | string): string => (typeof c === 'string' ? `all ${c}` : c.length > 4 ? `${c.slice(0, 4).join(', ')} +${c.length - 4}` : c.join(', '));

/** One line describing what a step does, e.g. `median of all numeric (+ indicators)`. */
export function stepSummary(s: Step): string {
  switch (s.type) {
    case 'impute':
      return `${s.strategy}${s.strategy === 'constant' ? ` (${String(s.fill_value)})` : ''} of ${list(s.columns)}${s.add_indicator ? ' + missing indicators' : ''}`;
    case 'derive':
      return `${s.name} = ${s.expression}`;
    case 'bin':
      return `${s.name} = bins of ${s.column} at [${s.edges.join(', ')}] → ${s.labels.join(' / ')}`;
    case 'encode': {
      const opts =
        s.method === 'one_hot'
          ? [s.max_levels ? `max ${s.max_levels} levels` : '', s.missing_level ? 'missing level' : ''].filter(Boolean).join(', ')
          : s.method === 'target'
            ? `smoothing ${s.smoothing ?? 10}`
            : s.levels?.length
              ? `custom order for ${s.levels.map((l) => l.column).join(', ')}`
              : '';
      return `${s.method.replace('_', '-')} ${list(s.columns)}${opts ? ` (${opts})` : ''}`;
    }
    case 'scale':
      return `${s.method} ${list(s.columns)}`;
    case 'select':
      return `keep only ${list(s.columns)}`;
    case 'drop':
      return `drop ${list(s.columns)}`;
  }
}

/** A new step of `type` with sensible defaults (may still need columns before it validates). */
export function blankStep(type: StepType, columns: string[]): Step {
  switch (type) {
    case 'impute':
      return { type, strategy: 'median', columns: 'numeric' };
    case 'derive':
      return { type, name: '', expression: '' };
    case 'bin':
      return { type, column: columns[0] ?? '', name: '', edges: [0, 12, 24, 'inf'], labels: ['low', 'mid', 'high'] };
    case 'encode':
      return { type, method: 'one_hot', columns: 'categorical' };
    case 'scale':
      return { type, method: 'standard', columns: 'numeric' };
    case 'select':
    case 'drop':
      return { type, columns: [] };
  }
}

/** The column names a step adds to the frame that later steps can name (derive/bin outputs). */
export function stepOutputs(s: Step): string[] {
  return s.type === 'derive' || s.type === 'bin' ? [s.name] : [];
}
