import type { ReactNode } from 'react';

/** A loosely typed OpenAPI 3.1 document: the page reads it defensively. */
export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Follows a local `#/components/...` reference; null when it does not resolve. */
export function resolveRef(doc: Json, ref: string): Json | null {
  if (!ref.startsWith('#/')) return null;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur)) return null;
    cur = cur[key];
  }
  return isObj(cur) ? cur : null;
}

const refName = (ref: string) => ref.split('/').pop() ?? ref;

/** `string · date-time`, `integer ≥ 1 ≤ 1000`, `"a" | "b"`, … */
function typeSummary(s: Json): string {
  const parts: string[] = [];
  const t = s.type;
  if (Array.isArray(t)) parts.push(t.join(' | '));
  else if (typeof t === 'string') parts.push(t);
  if (s.format) parts.push(String(s.format));
  if ('const' in s) parts.push(`= ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum)) parts.push(s.enum.map((e) => JSON.stringify(e)).join(' | '));
  const bounds: [string, string][] = [
    ['minimum', '≥'], ['exclusiveMinimum', '>'], ['maximum', '≤'], ['exclusiveMaximum', '<'],
    ['minLength', 'length ≥'], ['maxLength', 'length ≤'], ['minItems', 'items ≥'], ['maxItems', 'items ≤'],
  ];
  for (const [k, sym] of bounds) if (typeof s[k] === 'number') parts.push(`${sym} ${s[k]}`);
  if (typeof s.pattern === 'string') parts.push(`/${s.pattern}/`);
  if (s.nullable === true) parts.push('nullable');
  if ('default' in s) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(' · ');
}

const MAX_DEPTH = 7;

/** A JSON Schema as a nested list: properties (required ones marked), items, variants, constraints. */
export function SchemaView({ doc, schema, depth = 0, seen = [] }: { doc: Json; schema: unknown; depth?: number; seen?: string[] }): ReactNode {
  if (!isObj(schema)) return <span className="muted">any</span>;
  const ref = str(schema.$ref);
  if (ref) {
    const target = resolveRef(doc, ref);
    const name = refName(ref);
    if (!target) return <code>{name}</code>;
    if (seen.includes(ref) || depth >= MAX_DEPTH) return <code title={ref}>{name} (see above)</code>;
    return (
      <span>
        <code className="muted" title={ref}>{name}</code> <SchemaView doc={doc} schema={target} depth={depth + 1} seen={[...seen, ref]} />
      </span>
    );
  }
  const summary = typeSummary(schema);
  const description = str(schema.description);
  const props = isObj(schema.properties) ? Object.entries(schema.properties) : [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const variants = (['oneOf', 'anyOf', 'allOf'] as const).flatMap((k) => (Array.isArray(schema[k]) ? [[k, schema[k] as unknown[]] as const] : []));
  const extra = schema.additionalProperties;
  return (
    <span>
      {summary && <code>{summary}</code>}
      {description && <span className="muted"> — <Md text={description} /></span>}
      {depth < MAX_DEPTH && props.length > 0 && (
        <ul className="schema-list" style={{ margin: '2px 0', paddingLeft: 18 }}>
          {props.map(([k, v]) => (
            <li key={k} data-prop={k}>
              <code><strong>{k}</strong></code>
              {required.has(k) ? <span className="badge" style={{ marginLeft: 4, fontSize: 10 }}>required</span> : null}{' '}
              <SchemaView doc={doc} schema={v} depth={depth + 1} seen={seen} />
            </li>
          ))}
        </ul>
      )}
      {props.length > 0 && extra === false && <div className="muted" style={{ fontSize: 12, paddingLeft: 18 }}>No other fields allowed.</div>}
      {isObj(extra) && (
        <div style={{ paddingLeft: 18 }}>
          <span className="muted">any other key → </span>
          <SchemaView doc={doc} schema={extra} depth={depth + 1} seen={seen} />
        </div>
      )}
      {'items' in schema && depth < MAX_DEPTH && (
        <div style={{ paddingLeft: 18 }}>
          <span className="muted">items: </span>
          <SchemaView doc={doc} schema={schema.items} depth={depth + 1} seen={seen} />
        </div>
      )}
      {variants.map(([k, list]) => (
        <div key={k} style={{ paddingLeft: 18 }}>
          <span className="muted">{k === 'allOf' ? 'all of:' : k === 'oneOf' ? 'one of:' : 'any of:'}</span>
          <ol style={{ margin: '2px 0', paddingLeft: 18 }}>
            {list.map((v, i) => <li key={i}><SchemaView doc={doc} schema={v} depth={depth + 1} seen={seen} /></li>)}
          </ol>
        </div>
      ))}
      {'example' in schema && <div className="muted" style={{ fontSize: 12 }}>example: <code>{JSON.stringify(schema.example)}</code></div>}
    </span>
  );
}

/** `code` and **bold** of a Markdown line as React nodes (never HTML: the document's text stays text). */
function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <code key={m.index}>{m[1]}</code> : <strong key={m.index}>{m[2]}</strong>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** The small Markdown subset OpenAPI descriptions use here: paragraphs, `code`, **bold**. */
export function Md({ text, block = false }: { text: string; block?: boolean }) {
  if (!block) return <>{inline(text)}</>;
  return (
    <>
      {text.split(/\n\s*\n/).map((para, i) => (
        <p key={i} style={{ margin: '0 0 6px' }}>{inline(para)}</p>
      ))}
    </>
  );
}
