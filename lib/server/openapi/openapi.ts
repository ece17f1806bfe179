/**
 * The OpenAPI 3.1 document of the public API (GET /api/openapi.json). Request bodies of the registry come from
 * the same zod schemas the handlers validate with (z.toJSONSchema), so the document cannot drift from them.
 */
import { z } from 'zod';
import { MAX_ABS_NUMBER, MAX_BATCH, MAX_TEXT_LENGTH } from '@/lib/serving/input-schema';
import { decisionInput, registerInput, requestInput, setAliasInput } from '@/lib/server/registry/registry';
import { PREDICT_MAX_BODY_BYTES } from '@/lib/server/serving/predict';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Json, description?: string) => ({ required: true, description, content: { 'application/json': { schema } } });
const jsonResp = (description: string, schema: Json) => ({ description, content: { 'application/json': { schema } } });
/** Error responses by status; `[status, text, retryAfter]` replaces the usual text and says whether Retry-After is sent. */
const errors = (...codes: (number | [number, string, boolean])[]) =>
  Object.fromEntries(
    codes.map((code) => {
      const [c, text, retry] = typeof code === 'number' ? [code, undefined, code === 429 || code === 503] : code;
      return [
        String(c),
        {
          description: text ?? ERROR_TEXT[c] ?? 'error',
          content: { 'application/json': { schema: ref('Error') } },
          ...(retry ? { headers: { 'Retry-After': { description: 'seconds until a request is accepted again', schema: { type: 'integer' } } } } : {}),
        },
      ];
    }),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'malformed request: invalid JSON, wrong envelope or query; `error.issues` names each field',
  401: 'missing, unknown or revoked API key (or no session)',
  403: 'the key lacks the scope, or the user the role',
  404: 'no such model, version, alias or resource',
  409: 'conflict with the current state (e.g. the version already holds the alias)',
  413: 'body over the size limit or batch over 1,000 customers',
  422: 'a record field is invalid; `error.issues[].path` names it, e.g. `customers.3.tenure`',
  429: 'per-key rate limit exceeded',
  503: 'the model registry is unreachable and no model is loaded yet',
};

function schemaOf(s: z.ZodType): Json {
  const j = z.toJSONSchema(s, { target: 'draft-2020-12', io: 'input' }) as Json;
  delete j.$schema;
  return j;
}

export function openApiDocument(serverUrl: string): Json {
  const name = { name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'registered model name, e.g. churn-model' };
  const slug = { name: 'slug', in: 'path', required: true, schema: { type: 'string' }, description: 'project slug' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'ChurnLab API',
      version: '1.0.0',
      description: [
        'Real-time churn scoring with the approved (champion) model, and the model registry.',
        '',
        '**Authentication.** API clients send `Authorization: Bearer <key>`; keys are created on the API keys page and carry scopes (`predict`, `read`). Signed-in browser sessions work too.',
        '',
        `**Records.** A customer is a JSON object of raw fields in the source schema (before features): the fields listed by \`GET /api/v1/models/champion\` → \`inputSchema\`. Rules: every field with \`use: "input"\` must be present (\`null\` = missing value); numbers are JSON numbers with |x| ≤ ${MAX_ABS_NUMBER}; text is at most ${MAX_TEXT_LENGTH} characters; the \`id\` field is echoed back; \`ignored\` fields (the target, dropped columns) are accepted and unused; **any other field is rejected with 422 naming it**, so a typo never becomes a silent missing value.`,
        '',
        `**Limits.** At most ${MAX_BATCH} customers per request; bodies up to ${PREDICT_MAX_BODY_BYTES} bytes; a per-key rate limit (token bucket per server process) answers 429 with \`Retry-After\`. Each server process scores a bounded number of requests at once; the others wait their turn in arrival order, and one that finds the queue full or waits too long gets 503 with \`Retry-After\`.`,
        '',
        '**Errors** are JSON `{ "error": { "code", "message", "issues": [{ "path", "message" }] } }`; a client mistake is always a 4xx.',
      ].join('\n'),
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { session: [] }],
    tags: [{ name: 'predict' }, { name: 'registry' }, { name: 'batch' }, { name: 'health' }],
    paths: {
      '/api/v1/predict': {
        post: {
          tags: ['predict'],
          operationId: 'predict',
          summary: 'Score one customer or a batch with the champion (or the challenger)',
          description: 'Requires the `predict` scope. Response per customer: churn probability, label at the version threshold (probability ≥ threshold → 1), and the top 3 reasons: contributions in log-odds mapped to raw fields (TreeSHAP for gradient-boosted trees).',
          parameters: [
            { name: 'model', in: 'query', required: false, schema: { type: 'string' }, description: 'model name; optional when a single model has the alias' },
            { name: 'alias', in: 'query', required: false, schema: { type: 'string', enum: ['champion', 'challenger'], default: 'champion' }, description: '`challenger` for shadow and A/B calls' },
            { name: 'reasons', in: 'query', required: false, schema: { type: 'boolean', default: true }, description: 'false skips the explanations' },
          ],
          requestBody: jsonBody(ref('PredictRequest')),
          responses: { '200': jsonResp('scores', ref('PredictResponse')), ...errors(400, 401, 403, 404, 413, 422, 429, [503, `${ERROR_TEXT[503]}, or the server is busy (its queue of predictions is full, or the request waited too long for a slot)`, true]) },
        },
      },
      '/api/v1/models/champion': {
        get: {
          tags: ['predict'],
          operationId: 'getChampion',
          summary: 'The served model (champion or `?alias=challenger`) and the input schema to send',
          parameters: [
            { name: 'model', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'alias', in: 'query', required: false, schema: { type: 'string', enum: ['champion', 'challenger'], default: 'champion' } },
          ],
          responses: { '200': jsonResp('the served model', ref('ServedModel')), ...errors(400, 401, 403, 404, 503) },
        },
      },
      '/api/v1/projects': { get: { tags: ['registry'], operationId: 'listProjects', summary: 'Projects (`read` scope)', responses: { '200': jsonResp('projects', { type: 'object' }), ...errors(401, 403) } } },
      '/api/projects/{slug}/models': {
        get: { tags: ['registry'], operationId: 'listModels', summary: "A project's registered models (`read` scope)", parameters: [slug], responses: { '200': jsonResp('models', { type: 'object', properties: { models: { type: 'array', items: ref('RegisteredModel') } } }), ...errors(401, 403, 404) } },
        post: {
          tags: ['registry'],
          operationId: 'registerRun',
          summary: 'Register a run as the next version of a model (scientist session)',
          parameters: [slug],
          requestBody: jsonBody(schemaOf(registerInput)),
          responses: { '201': jsonResp('the new version', { type: 'object', properties: { version: ref('ModelVersion') } }), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/api/models/{name}': { get: { tags: ['registry'], operationId: 'getModel', summary: 'A model: versions, aliases, audit trail, promotion requests', parameters: [name], responses: { '200': jsonResp('model detail', ref('ModelDetail')), ...errors(401, 403, 404) } } },
      '/api/models/{name}/versions/{version}': {
        get: { tags: ['registry'], operationId: 'getModelCard', summary: 'The model card of a version', parameters: [name, { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }], responses: { '200': jsonResp('model card', { type: 'object' }), ...errors(400, 401, 403, 404) } },
      },
      '/api/models/{name}/aliases': {
        post: {
          tags: ['registry'],
          operationId: 'setAlias',
          summary: 'Promote a version to champion/challenger, or clear an alias with version null (approver session, reason required)',
          parameters: [name],
          requestBody: jsonBody(schemaOf(setAliasInput)),
          responses: { '200': jsonResp('model detail', ref('ModelDetail')), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/models/{name}/requests': {
        post: { tags: ['registry'], operationId: 'requestPromotion', summary: 'Ask an approver to move an alias (scientist session)', parameters: [name], requestBody: jsonBody(schemaOf(requestInput)), responses: { '201': jsonResp('the request', { type: 'object' }), ...errors(400, 401, 403, 404, 409) } },
      },
      '/api/models/requests/{id}': {
        post: {
          tags: ['registry'],
          operationId: 'decideRequest',
          summary: 'Approve or reject (approver) or withdraw (requester) a promotion request',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: jsonBody(schemaOf(decisionInput)),
          responses: { '200': jsonResp('model detail', ref('ModelDetail')), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/projects/{slug}/score-batches': {
        get: { tags: ['batch'], operationId: 'listScoreBatches', summary: "A project's score batches, newest first (`read` scope)", parameters: [slug], responses: { '200': jsonResp('batches', { type: 'object', properties: { batches: { type: 'array', items: ref('ScoreBatch') } } }), ...errors(401, 403, 404) } },
        post: {
          tags: ['batch'],
          operationId: 'startScoreBatch',
          summary: 'Score every customer of the newest (or a given) snapshot with the champion now (scientist session); 202 with the job',
          parameters: [slug],
          requestBody: jsonBody({ type: 'object', additionalProperties: false, properties: { modelName: { type: 'string' }, alias: { type: 'string', enum: ['champion', 'challenger'] }, snapshotId: { type: 'string' }, batchDate: { type: 'string', format: 'date' }, reasonsTopFraction: { type: 'number', minimum: 0, maximum: 1 }, reasonsMax: { type: 'integer', minimum: 0 } } }),
          responses: { '202': jsonResp('the queued job', { type: 'object' }), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/score-batches/{id}/scores': {
        get: {
          tags: ['batch'],
          operationId: 'listScores',
          summary: 'Scores of a batch, highest risk first (`read` scope)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'order', in: 'query', schema: { type: 'string', enum: ['risk', 'id'], default: 'risk' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
            { name: 'decile', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } },
            { name: 'label', in: 'query', schema: { type: 'integer', enum: [0, 1] } },
            { name: 'customer', in: 'query', schema: { type: 'string' } },
          ],
          responses: { '200': jsonResp('scores', { type: 'object', properties: { total: { type: 'integer' }, scores: { type: 'array', items: ref('CustomerScore') } } }), ...errors(400, 401, 403, 404) },
        },
      },
      '/api/score-batches/{id}/export': {
        get: {
          tags: ['batch'],
          operationId: 'exportScoreBatch',
          summary: 'The batch as CSV (spreadsheet-safe) or Parquet (`read` scope)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }, { name: 'format', in: 'query', schema: { type: 'string', enum: ['csv', 'parquet'], default: 'csv' } }],
          responses: { '200': { description: 'the file', content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.apache.parquet': { schema: { type: 'string', contentEncoding: 'binary' } } } }, ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/api/cron/{kind}': {
        get: {
          tags: ['batch'],
          operationId: 'runCron',
          summary: 'Run a schedule kind for every project that enabled it (Vercel crons)',
          security: [{ cronSecret: [] }],
          parameters: [{ name: 'kind', in: 'path', required: true, schema: { type: 'string', enum: ['daily-ingest', 'weekly-retrain', 'nightly-score'] } }],
          responses: { '200': jsonResp('queued jobs', { type: 'object' }), ...errors(401, 404, [503, 'CRON_SECRET is not set on the server: the cron routes are off', false]) },
        },
      },
      '/api/health': { get: { tags: ['health'], operationId: 'health', summary: 'Liveness (touches no dependency)', security: [], responses: { '200': jsonResp('alive', { type: 'object' }) } } },
      '/api/ready': {
        get: { tags: ['health'], operationId: 'ready', summary: 'Readiness: champions loaded (and the database answers, unless loaded champions carry an outage)', security: [], responses: { '200': jsonResp('ready', { type: 'object' }), '503': jsonResp('not ready', { type: 'object' }) } },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'an API key `cl_…` with the needed scope' },
        session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token', description: 'a signed-in browser session' },
        cronSecret: { type: 'http', scheme: 'bearer', description: 'the CRON_SECRET of the deployment' },
      },
      schemas: {
        Customer: { type: 'object', description: 'raw fields in the source schema; see the rules above and GET /api/v1/models/champion', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
        PredictRequest: {
          oneOf: [
            { type: 'object', required: ['customer'], additionalProperties: false, properties: { customer: ref('Customer') } },
            { type: 'object', required: ['customers'], additionalProperties: false, properties: { customers: { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: ref('Customer') } } },
          ],
        },
        Reason: {
          type: 'object',
          required: ['feature', 'value', 'contribution', 'direction'],
          properties: { feature: { type: 'string' }, value: { type: ['string', 'number', 'null'] }, contribution: { type: 'number', description: 'log-odds' }, direction: { type: 'string', enum: ['increases', 'decreases'] } },
        },
        Prediction: {
          type: 'object',
          required: ['id', 'probability', 'label', 'reasons'],
          properties: {
            id: { type: ['string', 'number', 'null'], description: "the record's id field, else its index in the batch" },
            probability: { type: 'number', minimum: 0, maximum: 1 },
            label: { type: 'integer', enum: [0, 1] },
            reasons: { type: 'array', maxItems: 3, items: ref('Reason') },
          },
        },
        PredictResponse: {
          type: 'object',
          required: ['model', 'predictions'],
          properties: {
            model: {
              type: 'object',
              required: ['name', 'version', 'alias', 'threshold', 'reasonsMethod'],
              properties: { name: { type: 'string' }, version: { type: 'integer' }, alias: { type: 'string', enum: ['champion', 'challenger'] }, threshold: { type: 'number' }, reasonsMethod: { type: 'string', enum: ['treeshap', 'linear', 'occlusion'] } },
            },
            predictions: { type: 'array', items: ref('Prediction') },
          },
        },
        InputField: {
          type: 'object',
          required: ['name', 'kind', 'use'],
          properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['numeric', 'categorical'] }, use: { type: 'string', enum: ['input', 'id', 'ignored'] }, levels: { type: 'array', items: { type: 'string' } }, min: { type: 'number' }, max: { type: 'number' } },
        },
        ServedModel: { type: 'object', properties: { model: { type: 'string' }, alias: { type: 'string' }, version: ref('ModelVersion'), reasonsMethod: { type: 'string' }, loadedAt: { type: 'string', format: 'date-time' }, inputSchema: { type: 'array', items: ref('InputField') } } },
        ModelVersion: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            modelName: { type: 'string' },
            version: { type: 'integer' },
            runId: { type: 'string' },
            family: { type: 'string' },
            threshold: { type: 'number' },
            metrics: { type: 'object' },
            aliases: { type: 'array', items: { type: 'string' } },
            registeredBy: { type: ['string', 'null'] },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
        RegisteredModel: { type: 'object', properties: { name: { type: 'string' }, projectSlug: { type: 'string' }, champion: { type: ['object', 'null'] }, challenger: { type: ['object', 'null'] }, versions: { type: 'array', items: ref('ModelVersion') } } },
        ModelDetail: { type: 'object', properties: { model: ref('RegisteredModel'), transitions: { type: 'array', items: { type: 'object' } }, requests: { type: 'array', items: { type: 'object' } } } },
        ScoreBatch: {
          type: 'object',
          properties: { id: { type: 'string' }, modelName: { type: 'string' }, modelVersion: { type: 'integer' }, batchDate: { type: 'string', format: 'date' }, status: { type: 'string', enum: ['running', 'succeeded', 'failed', 'replaced'] }, rowCount: { type: 'integer' }, stats: { type: 'object' }, hasExports: { type: 'boolean' } },
        },
        CustomerScore: {
          type: 'object',
          properties: { customerId: { type: 'string' }, probability: { type: 'number' }, decile: { type: 'integer', minimum: 1, maximum: 10 }, label: { type: 'integer', enum: [0, 1] }, reasons: { type: ['array', 'null'], items: ref('Reason') } },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                issues: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  };
}
