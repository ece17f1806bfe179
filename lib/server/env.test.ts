import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

const ok = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', AUTH_SECRET: 'x'.repeat(32) };

describe('parseEnv', () => {
  it('applies defaults', () => {
    const env = parseEnv(ok);
    expect(env).toMatchObject({ DATA_DIR: '.data', DEMO_MODE: false, WORKER_CONCURRENCY: 2, SIGNIN_MAX_FAILURES: 5, LOG_LEVEL: 'info' });
  });
  it('accepts next-auth names for the secret and URL', () => {
    const env = parseEnv({ DATABASE_URL: ok.DATABASE_URL, NEXTAUTH_SECRET: 'y'.repeat(40), NEXTAUTH_URL: 'https://churn.example.com' });
    expect(env.AUTH_SECRET).toBe('y'.repeat(40));
    expect(env.APP_URL).toBe('https://churn.example.com');
  });
  it('names every bad or missing setting', () => {
    expect(() => parseEnv({})).toThrow(/DATABASE_URL[\s\S]*AUTH_SECRET/);
    expect(() => parseEnv({ ...ok, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(() => parseEnv({ ...ok, AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => parseEnv({ ...ok, WORKER_CONCURRENCY: 'lots' })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => parseEnv({ ...ok, DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
    expect(() => parseEnv({ ...ok, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
  it('treats empty strings as unset', () => {
    expect(parseEnv({ ...ok, WORKER_CONCURRENCY: '' }).WORKER_CONCURRENCY).toBe(2);
  });
});
