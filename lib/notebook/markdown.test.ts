import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';
import { markdownTitle, parseInline, parseMarkdown, safeHref } from './markdown';

describe('safe markdown', () => {
  it('parses headings, lists, code, quotes and rules', () => {
    const b = parseMarkdown('# Title\n\nSome *em* and **strong**\ntext.\n\n- one\n- `two`\n\n1. a\n2. b\n\n```js\nx < 1\n```\n> quoted\n\n---');
    expect(b.map((x) => x.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'code', 'quote', 'rule']);
    expect(b[1]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'Some ' }, { type: 'em', children: [{ type: 'text', text: 'em' }] }, { type: 'text', text: ' and ' }, { type: 'strong', children: [{ type: 'text', text: 'strong' }] }, { type: 'text', text: ' text.' }] });
    expect(b[3]).toMatchObject({ ordered: true, items: [[{ text: 'a' }], [{ text: 'b' }]] });
    expect(b[4]).toEqual({ type: 'code', lang: 'js', text: 'x < 1' });
  });

  it('keeps raw HTML as text and drops non-http(s) links', () => {
    expect(parseInline('<script>alert(1)</script>')).toEqual([{ type: 'text', text: '<script>alert(1)</script>' }]);
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ type: 'text', text: 'x' }, { type: 'text', text: ')' }]);
    expect(parseInline('[docs](https://example.com/a)')).toEqual([{ type: 'link', href: 'https://example.com/a', children: [{ type: 'text', text: 'docs' }] }]);
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
    expect(markdownTitle('\n## Churn *drivers*\nmore')).toBe('Churn drivers');
  });
});

describe('fuzzy', () => {
  it('matches subsequences, ranks word starts and runs first', () => {
    expect(fuzzyScore('xyz', 'Run stale')).toBeNull();
    const items = ['Collapse all cells', 'Run stale cells', 'Add code cell below'];
    expect(fuzzyFilter(items, 'rs', (x) => x)[0]).toBe('Run stale cells');
    expect(fuzzyFilter(items, 'code', (x) => x)).toEqual(['Add code cell below']);
    expect(fuzzyFilter(items, '', (x) => x)).toEqual(items);
  });
});
