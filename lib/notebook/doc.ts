/**
 * The notebook document (`format: 'churnlab.notebook'`, `version: 1`): the project's cells in order and its
 * pipeline settings. The 8 stage cells are the pipeline (lib/pipeline/stages) and always appear exactly once, in
 * pipeline order; free cells (markdown, code, chart) sit anywhere between them. Pure: the page, the routes and
 * the tests share the same checks.
 */
import { z } from 'zod';
import type { ChartCellSpec } from './sandbox/chart-spec';
import { pipelineSettingsSchema, type PipelineSettings } from '../pipeline/settings';
import { STAGES, type StageId } from '../pipeline/stages';

export const NOTEBOOK_FORMAT = 'churnlab.notebook';
export const NOTEBOOK_VERSION = 1;
/** Per-cell source limit (characters). */
export const MAX_SOURCE_CHARS = 100_000;
export const MAX_CELLS = 200;

/** Names a code cell may not take: the sandbox's own scope (inputs and libraries) and JavaScript words. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'snapshot', 'aq', 'tf', 'dfd', 'vl', 'inputs', 'console', 'self', 'globalThis', 'window', 'postMessage', 'undefined', 'NaN', 'Infinity',
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null',
  'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var',
  'void', 'while', 'with', 'yield', 'arguments', 'eval',
]);

const STAGE_IDS = STAGES.map((s) => s.id) as [StageId, ...StageId[]];
const cellId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -');
const source = z.string().max(MAX_SOURCE_CHARS, `must be at most ${MAX_SOURCE_CHARS} characters`);
const identifier = z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/, 'must be a JavaScript identifier (letters, digits, _ or $, not starting with a digit)');

const encoding = z.strictObject({
  field: z.string().min(1).max(200),
  type: z.enum(['quantitative', 'nominal', 'ordinal', 'temporal']),
  aggregate: z.enum(['count', 'sum', 'mean', 'median', 'min', 'max']).optional(),
  bin: z.boolean().optional(),
});

/** A chart cell's spec (lib/notebook/sandbox/chart-spec's ChartCellSpec). */
export const chartSpecSchema: z.ZodType<ChartCellSpec> = z.strictObject({
  input: z.string().min(1, 'must name a table (snapshot or a code cell)').max(64),
  mark: z.enum(['bar', 'line', 'point', 'area', 'tick', 'rect', 'boxplot']),
  x: encoding.optional(),
  y: encoding.optional(),
  color: encoding.optional(),
  title: z.string().max(200).optional(),
  raw: z.record(z.string(), z.unknown()).nullable().optional(),
});

const collapsed = z.boolean().optional();
export const stageCellSchema = z.strictObject({ id: cellId, type: z.literal('stage'), stage: z.enum(STAGE_IDS), collapsed });
export const markdownCellSchema = z.strictObject({ id: cellId, type: z.literal('markdown'), source, collapsed });
export const codeCellSchema = z.strictObject({
  id: cellId,
  type: z.literal('code'),
  name: identifier,
  source,
  timeoutMs: z.number().int().min(100).max(120_000).optional(),
  /** the snapshot `snapshot` reads; absent: the project's latest */
  snapshotId: z.string().min(1).max(64).optional(),
  collapsed,
});
export const chartCellSchema = z.strictObject({ id: cellId, type: z.literal('chart'), name: identifier.optional(), spec: chartSpecSchema, collapsed });

export const cellSchema = z.discriminatedUnion('type', [stageCellSchema, markdownCellSchema, codeCellSchema, chartCellSchema]);

export type StageCell = z.infer<typeof stageCellSchema>;
export type MarkdownCell = z.infer<typeof markdownCellSchema>;
export type CodeCell = z.infer<typeof codeCellSchema>;
export type ChartCell = z.infer<typeof chartCellSchema>;
export type Cell = z.infer<typeof cellSchema>;
export type FreeCell = MarkdownCell | CodeCell | ChartCell;
export type CellType = Cell['type'];

/** How a cell is called in messages: its name, else its type and id. */
export function cellLabel(cell: Cell): string {
  if (cell.type === 'stage') return `stage cell "${cell.stage}"`;
  if ((cell.type === 'code' || cell.type === 'chart') && cell.name) return `${cell.type} cell "${cell.name}"`;
  return `${cell.type} cell ${cell.id}`;
}

/** Problems with the cells beyond their shape, each naming the cell (`cells.3 (code cell "churn")`). */
export function notebookProblems(cells: readonly Cell[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const at = (i: number) => `cells.${i} (${cellLabel(cells[i])})`;
  if (cells.length > MAX_CELLS) problems.push({ path: 'cells', message: `at most ${MAX_CELLS} cells, got ${cells.length}` });
  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  const stageAt = new Map<StageId, number>();
  cells.forEach((c, i) => {
    const dupId = ids.get(c.id);
    if (dupId !== undefined) problems.push({ path: `${at(i)}.id`, message: `duplicate id "${c.id}" (also cells.${dupId})` });
    else ids.set(c.id, i);
    if (c.type === 'stage') {
      const prev = stageAt.get(c.stage);
      if (prev !== undefined) problems.push({ path: at(i), message: `stage "${c.stage}" appears twice (also cells.${prev})` });
      else stageAt.set(c.stage, i);
    }
    const name = c.type === 'code' || c.type === 'chart' ? c.name : undefined;
    if (name !== undefined) {
      if (RESERVED_NAMES.has(name)) problems.push({ path: `${at(i)}.name`, message: `"${name}" is reserved (an input, a library or a JavaScript word)` });
      const dup = names.get(name);
      if (dup !== undefined) problems.push({ path: `${at(i)}.name`, message: `duplicate name "${name}" (also cells.${dup})` });
      else names.set(name, i);
    }
  });
  let last = -1;
  let lastStage = '';
  for (const s of STAGES) {
    const i = stageAt.get(s.id);
    if (i === undefined) {
      problems.push({ path: 'cells', message: `the stage cell "${s.id}" is missing (stage cells cannot be deleted)` });
      continue;
    }
    if (i < last) problems.push({ path: at(i), message: `stage "${s.id}" must come after "${lastStage}" (stage cells keep pipeline order)` });
    if (i > last) [last, lastStage] = [i, s.id];
  }
  return problems;
}

export const notebookDocSchema = z
  .strictObject({
    format: z.literal(NOTEBOOK_FORMAT),
    version: z.literal(NOTEBOOK_VERSION),
    cells: z.array(cellSchema).max(MAX_CELLS, `at most ${MAX_CELLS} cells`),
    pipeline: pipelineSettingsSchema,
  })
  .superRefine((doc, ctx) => {
    for (const p of notebookProblems(doc.cells)) ctx.addIssue({ code: 'custom', message: `${p.path}: ${p.message}`, path: ['cells'] });
  });

export type NotebookDoc = z.infer<typeof notebookDocSchema>;
export type NotebookDocInput = z.input<typeof notebookDocSchema>;

/** A new project's notebook: the 8 stage cells (ids = stage ids, the `#cell-<stage>` anchors) and `pipeline`. */
export function defaultNotebook(pipeline: PipelineSettings): NotebookDoc {
  return { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, cells: STAGES.map((s) => ({ id: s.id, type: 'stage', stage: s.id })), pipeline };
}

/**
 * Parses a stored or submitted document. Checks `format` and `version` first so an older or newer document gets
 * a clear message (the place a migration from an older version would go); then the shape and the invariants.
 * Throws ZodError naming the bad field / cell, or TypeError for the wrong format/version.
 */
export function parseNotebook(json: unknown): NotebookDoc {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('a notebook must be a JSON object');
  const { format, version } = json as { format?: unknown; version?: unknown };
  if (format !== NOTEBOOK_FORMAT) throw new TypeError(`format: expected "${NOTEBOOK_FORMAT}", got ${JSON.stringify(format)}`);
  if (version !== NOTEBOOK_VERSION) {
    throw new TypeError(`version: this ChurnLab reads notebook version ${NOTEBOOK_VERSION}, got ${JSON.stringify(version)}`);
  }
  return notebookDocSchema.parse(json);
}

/** Cells counted by type (the versions list shows them). */
export function cellCounts(doc: Pick<NotebookDoc, 'cells'>): Record<CellType, number> {
  const counts: Record<CellType, number> = { stage: 0, markdown: 0, code: 0, chart: 0 };
  for (const c of doc.cells) counts[c.type] += 1;
  return counts;
}

/** A fresh cell id (not in `taken`). */
export function newCellId(taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const id = `c${Math.floor(random() * 36 ** 8).toString(36).padStart(8, '0')}`;
    if (!taken.has(id)) return id;
  }
}

/** A free code-cell name (`prefix`, `prefix2`, …) not used by another cell. */
export function freeName(doc: Pick<NotebookDoc, 'cells'>, prefix: string): string {
  const used = new Set(doc.cells.flatMap((c) => (c.type === 'code' || c.type === 'chart') && c.name ? [c.name] : []));
  if (!used.has(prefix) && !RESERVED_NAMES.has(prefix)) return prefix;
  for (let n = 2; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
