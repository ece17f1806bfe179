import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document covering the prediction API', async () => {
    const doc = openApiDocument('http://127.0.0.1:3000');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify('errors' in result ? result.errors : null)).toBe(true);
    const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/v1/predict', '/api/v1/models/champion', '/api/health', '/api/ready']));
    expect(Object.keys(paths['/api/v1/predict'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '422', '429']));
    const register = JSON.stringify(paths['/api/projects/{slug}/models']);
    expect(register).toContain('runId');
  });
});
