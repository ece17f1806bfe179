'use client';

import { useEffect, useMemo, useState } from 'react';
import { isObj, Md, resolveRef, SchemaView, str, type Json } from './openapi-schema';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
const METHOD_BADGE: Record<string, string> = { get: 'badge badge-running', post: 'badge badge-passed', delete: 'badge badge-failed', put: 'badge badge-stale', patch: 'badge badge-stale' };

interface Operation {
  id: string;
  method: string;
  path: string;
  op: Json;
  tag: string;
}

/** Follows `$ref` on a parameter, request body or response object. */
function deref(doc: Json, v: unknown): Json | null {
  if (!isObj(v)) return null;
  const ref = str(v.$ref);
  return ref ? resolveRef(doc, ref) : v;
}

function operations(doc: Json): Operation[] {
  const out: Operation[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const params = [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])];
      const tags = Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [];
      out.push({ id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-'), method, path, op: { ...op, parameters: params }, tag: tags[0] ?? 'other' });
    }
  }
  return out;
}

/** Who may call an operation: its own `security`, else the document's; `[]` means public. */
function securityText(doc: Json, op: Json): string {
  const sec = Array.isArray(op.security) ? op.security : Array.isArray(doc.security) ? doc.security : null;
  if (!sec) return 'not stated';
  if (sec.length === 0) return 'public (no authentication)';
  return sec
    .map((req) => (isObj(req) ? Object.entries(req).map(([k, scopes]) => (Array.isArray(scopes) && scopes.length ? `${k} (${scopes.join(', ')})` : k)).join(' + ') : ''))
    .filter(Boolean)
    .join(' or ');
}

function Content({ doc, content }: { doc: Json; content: unknown }) {
  if (!isObj(content)) return null;
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} style={{ marginTop: 4 }}>
          <span className="badge">{type}</span>{' '}
          {isObj(media) && <SchemaView doc={doc} schema={media.schema} />}
          {isObj(media) && 'example' in media && (
            <pre className="secret" style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0', fontSize: 12 }}>{JSON.stringify(media.example, null, 2)}</pre>
          )}
        </div>
      ))}
    </>
  );
}

function OperationView({ doc, o }: { doc: Json; o: Operation }) {
  const { op } = o;
  const params = (op.parameters as unknown[]).map((p) => deref(doc, p)).filter((p): p is Json => p !== null);
  const body = deref(doc, op.requestBody);
  const responses = isObj(op.responses) ? Object.entries(op.responses) : [];
  return (
    <details className="card" id={o.id} data-testid="api-operation" data-method={o.method} data-path={o.path} style={{ padding: '10px 14px' }}>
      <summary style={{ cursor: 'pointer', display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span className={METHOD_BADGE[o.method] ?? 'badge'} style={{ textTransform: 'uppercase', minWidth: 52, textAlign: 'center' }}>{o.method}</span>
        <code style={{ fontSize: 13.5 }}><strong>{o.path}</strong></code>
        {str(op.summary) && <span className="muted"><Md text={str(op.summary)!} /></span>}
        {op.deprecated === true && <span className="badge badge-stale">deprecated</span>}
      </summary>
      <div className="stack" style={{ gap: 10, marginTop: 10 }}>
        {str(op.description) && <div><Md text={str(op.description)!} block /></div>}
        <div><strong>Auth:</strong> <span data-testid="operation-auth">{securityText(doc, op)}</span></div>
        {params.length > 0 && (
          <table className="table">
            <thead><tr><th>Parameter</th><th>In</th><th>Schema</th></tr></thead>
            <tbody>
              {params.map((p, i) => (
                <tr key={`${str(p.in)}-${str(p.name)}-${i}`}>
                  <td><code>{str(p.name)}</code>{p.required === true && <span className="badge" style={{ marginLeft: 4, fontSize: 10 }}>required</span>}</td>
                  <td>{str(p.in)}</td>
                  <td><SchemaView doc={doc} schema={p.schema} />{str(p.description) && <div className="muted"><Md text={str(p.description)!} /></div>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body && (
          <div data-testid="operation-request">
            <strong>Request body</strong>{body.required === true && <span className="badge" style={{ marginLeft: 4, fontSize: 10 }}>required</span>}
            {str(body.description) && <span className="muted"> — <Md text={str(body.description)!} /></span>}
            <Content doc={doc} content={body.content} />
          </div>
        )}
        {responses.length > 0 && (
          <div data-testid="operation-responses">
            <strong>Responses</strong>
            <table className="table">
              <tbody>
                {responses.map(([status, raw]) => {
                  const r = deref(doc, raw);
                  return (
                    <tr key={status} data-status={status}>
                      <th style={{ width: 70 }}><span className={status.startsWith('2') ? 'badge badge-passed' : status.startsWith('4') || status.startsWith('5') ? 'badge badge-failed' : 'badge'}>{status}</span></th>
                      <td>
                        <Md text={str(r?.description) ?? ''} />
                        {r && <Content doc={doc} content={r.content} />}
                        {r && isObj(r.headers) && <div className="muted" style={{ fontSize: 12 }}>headers: {Object.keys(r.headers).map((h) => <code key={h} style={{ marginRight: 6 }}>{h}</code>)}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </details>
  );
}

/** The error statuses used across the API with the first description each has, for the overview table. */
function errorStatuses(doc: Json, ops: Operation[]): [string, string][] {
  const seen = new Map<string, string>();
  for (const o of ops) {
    if (!isObj(o.op.responses)) continue;
    for (const [status, raw] of Object.entries(o.op.responses)) {
      if (!/^[45]/.test(status) || seen.has(status)) continue;
      seen.set(status, str(deref(doc, raw)?.description) ?? '');
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Renders the app's OpenAPI 3.1 document (GET /api/openapi.json): auth, every operation, schemas, error codes. */
export function OpenApiView() {
  const [doc, setDoc] = useState<Json | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetch('/api/openapi.json', { headers: { accept: 'application/json' } })
      .then(async (res) => {
        const json = (await res.json().catch(() => null)) as unknown;
        if (cancelled) return;
        if (!res.ok || !isObj(json)) setError(isObj(json) && isObj(json.error) ? String(json.error.message) : `could not load /api/openapi.json (${res.status})`);
        else setDoc(json);
      })
      .catch((e: Error) => !cancelled && setError(`network error: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, []);

  const ops = useMemo(() => (doc ? operations(doc) : []), [doc]);
  const byTag = useMemo(() => {
    const m = new Map<string, Operation[]>();
    for (const o of ops) m.set(o.tag, [...(m.get(o.tag) ?? []), o]);
    return [...m.entries()];
  }, [ops]);

  if (error) return <div className="alert alert-error" role="alert" data-testid="api-docs-error">{error}</div>;
  if (!doc) return <div className="muted">Loading the OpenAPI document…</div>;
  const info = isObj(doc.info) ? doc.info : {};
  const components = isObj(doc.components) ? doc.components : {};
  const schemes = isObj(components.securitySchemes) ? Object.entries(components.securitySchemes) : [];
  const errorSchema = isObj(components.schemas) ? (components.schemas.Error ?? components.schemas.ErrorResponse) : undefined;
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObj) : [];
  const errors = errorStatuses(doc, ops);

  return (
    <div className="stack" data-testid="api-docs" data-openapi={str(doc.openapi) ?? ''} data-operations={ops.length}>
      <section className="card stack" style={{ gap: 6 }}>
        <h2 style={{ margin: 0 }}>{str(info.title) ?? 'API'} <span className="badge">v{str(info.version) ?? '?'}</span> <span className="badge">OpenAPI {str(doc.openapi) ?? '?'}</span></h2>
        {str(info.description) && <div data-testid="api-description"><Md text={str(info.description)!} block /></div>}
        {servers.length > 0 && <p className="muted" style={{ margin: 0 }}>Servers: {servers.map((s) => <code key={str(s.url) ?? ''} style={{ marginRight: 8 }}>{str(s.url)}</code>)}</p>}
        <p className="muted" style={{ margin: 0 }}><a href="/api/openapi.json" download="churnlab-openapi.json">Download openapi.json</a> for code generators and API clients.</p>
      </section>

      <section className="card stack" style={{ gap: 6 }} data-testid="api-auth" aria-label="Authentication">
        <h2 style={{ margin: 0 }}>Authentication</h2>
        {schemes.length === 0 ? (
          <p className="muted" style={{ margin: 0 }}>The document names no security schemes.</p>
        ) : (
          <table className="table">
            <tbody>
              {schemes.map(([name, raw]) => {
                const s = deref(doc, raw) ?? {};
                return (
                  <tr key={name}>
                    <td style={{ width: 160 }}><code><strong>{name}</strong></code></td>
                    <td>{[str(s.type), str(s.scheme), str(s.bearerFormat), str(s.in) && `in ${str(s.in)}`, str(s.name)].filter(Boolean).join(' · ')}{str(s.description) && <div className="muted"><Md text={str(s.description)!} /></div>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" style={{ gap: 6 }} data-testid="api-errors" aria-label="Errors">
        <h2 style={{ margin: 0 }}>Errors</h2>
        <p className="muted" style={{ margin: 0 }}>Every error is JSON; its <code>issues</code> name each bad field of a 400/422.</p>
        {errorSchema !== undefined && <div><SchemaView doc={doc} schema={errorSchema} /></div>}
        {errors.length > 0 && (
          <table className="table">
            <thead><tr><th>Status</th><th>Meaning</th></tr></thead>
            <tbody>{errors.map(([s, d]) => <tr key={s} data-status={s}><th><span className="badge badge-failed">{s}</span></th><td><Md text={d} /></td></tr>)}</tbody>
          </table>
        )}
      </section>

      <nav className="card" aria-label="Operations" style={{ padding: '10px 14px' }}>
        <strong>Operations ({ops.length})</strong>
        <ul style={{ margin: '4px 0 0', paddingLeft: 18, columns: 2 }}>
          {ops.map((o) => <li key={o.id}><a href={`#${o.id}`}><code>{o.method.toUpperCase()} {o.path}</code></a></li>)}
        </ul>
      </nav>

      {byTag.map(([tag, list]) => (
        <section key={tag} className="stack" style={{ gap: 8 }} aria-label={tag}>
          <h2 style={{ margin: '6px 0 0' }}>{tag}</h2>
          {list.map((o) => <OperationView key={o.id} doc={doc} o={o} />)}
        </section>
      ))}
    </div>
  );
}
