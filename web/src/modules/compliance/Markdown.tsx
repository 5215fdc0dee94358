import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/** A policy text rendered from Markdown as React elements (never as HTML: see markdown.ts). */
export function Markdown({ text }: { text: string }) {
  return <div className="markdown">{parseMarkdown(text).map(renderBlock)}</div>;
}

function renderInline(node: Inline, key: number): ReactNode {
  switch (node.type) {
    case 'text':
      return <Fragment key={key}>{node.text}</Fragment>;
    case 'code':
      return <code key={key}>{node.text}</code>;
    case 'strong':
      return <strong key={key}>{node.children.map(renderInline)}</strong>;
    case 'em':
      return <em key={key}>{node.children.map(renderInline)}</em>;
    case 'link': {
      const external = /^(https?:|mailto:)/i.test(node.href);
      return (
        <a key={key} href={node.href} {...(external ? { target: '_blank', rel: 'noreferrer noopener' } : {})}>
          {node.children.map(renderInline)}
        </a>
      );
    }
  }
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      // The page's own h1/h2 come first: a policy's headings start at h3.
      const level = Math.min(6, block.level + 2);
      const Tag = `h${level}` as 'h3' | 'h4' | 'h5' | 'h6';
      return <Tag key={key}>{block.children.map(renderInline)}</Tag>;
    }
    case 'paragraph':
      return <p key={key}>{block.children.map(renderInline)}</p>;
    case 'list':
      return block.ordered ? (
        <ol key={key} start={block.start}>
          {block.items.map((item, i) => (
            <li key={i}>{item.map(renderInline)}</li>
          ))}
        </ol>
      ) : (
        <ul key={key}>
          {block.items.map((item, i) => (
            <li key={i}>{item.map(renderInline)}</li>
          ))}
        </ul>
      );
    case 'quote':
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{block.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={key} />;
  }
}
