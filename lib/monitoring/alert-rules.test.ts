import { describe, expect, it } from 'vitest';
import { backoffMs, slackPayload } from './alert-rules';

describe('alert payloads', () => {
  it('Slack-compatible {text, blocks} and exponential backoff', () => {
    const p = slackPayload({ title: 'drift <x>', severity: 'warning', project: 'demo', occurrences: 2, lines: ['• a: 1'] });
    expect(p.text).toBe(':warning: [warning] demo: drift <x>');
    expect(p.blocks).toHaveLength(3);
    expect(JSON.stringify(p.blocks[1])).toContain('• a: 1');
    expect([1, 2, 3, 4].map((t) => backoffMs(t, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, 1000, 60_000)).toBe(60_000);
  });
});
