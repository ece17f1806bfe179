import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, toErrorResponse } from './errors';

describe('toErrorResponse', () => {
  it('maps AppError codes to statuses with their message and headers', () => {
    const r = toErrorResponse(new AppError('rate_limited', 'slow down', { retryAfter: 3 }, { 'Retry-After': '3' }));
    expect(r).toEqual({ status: 429, body: { error: { code: 'rate_limited', message: 'slow down', retryAfter: 3 } }, headers: { 'Retry-After': '3' } });
  });
  it('turns a zod error into a 400 naming the field', () => {
    const err = z.object({ items: z.array(z.object({ tenure: z.number() })) }).safeParse({ items: [{ tenure: 'x' }] }).error!;
    const r = toErrorResponse(err);
    expect(r.status).toBe(400);
    expect(r.body.error.issues?.[0].path).toBe('items.0.tenure');
    expect(r.body.error.message).toContain('items.0.tenure');
  });
  it('answers anything else with a generic 500 that leaks nothing', () => {
    const logged: unknown[] = [];
    const r = toErrorResponse(new Error('relation "User" does not exist at /srv/app/x.ts:12'), (e) => logged.push(e));
    expect(r.status).toBe(500);
    expect(JSON.stringify(r.body)).not.toMatch(/relation|\/srv|x\.ts/);
    expect(logged).toHaveLength(1);
  });
});
