import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from '@/lib/notebook/markdown';
import styles from './notebook.module.css';

function inline(nodes: Inline[]): ReactNode {
  return nodes.map((n, i) => {
    switch (n.type) {
      case 'text':
        return <Fragment key={i}>{n.text}</Fragment>;
      case 'code':
        return <code key={i}>{n.text}</code>;
      case 'strong':
        return <strong key={i}>{inline(n.children)}</strong>;
      case 'em':
        return <em key={i}>{inline(n.children)}</em>;
      case 'link':
        return (
          <a key={i} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
            {inline(n.children)}
          </a>
        );
    }
  });
}

/** Renders a markdown cell's source (lib/notebook/markdown: no raw HTML, http(s) links only) as React elements. */
export function MarkdownView({ source }: { source: string }) {
  const blocks = parseMarkdown(source);
  if (!blocks.length) return <p className="muted">Empty markdown cell.</p>;
  return (
    <div className={styles.mdView} data-testid="markdown-view">
      {blocks.map((b, i) => {
        switch (b.type) {
          case 'heading': {
            const H = `h${Math.min(b.level + 1, 6)}` as 'h2';
            return <H key={i}>{inline(b.children)}</H>;
          }
          case 'paragraph':
            return <p key={i}>{inline(b.children)}</p>;
          case 'list': {
            const L = b.ordered ? 'ol' : 'ul';
            return <L key={i}>{b.items.map((it, j) => <li key={j}>{inline(it)}</li>)}</L>;
          }
          case 'code':
            return <pre key={i}><code>{b.text}</code></pre>;
          case 'quote':
            return <blockquote key={i}>{inline(b.children)}</blockquote>;
          case 'rule':
            return <hr key={i} />;
        }
      })}
    </div>
  );
}
