import type { ReactNode } from 'react'
import { parseMarkdown, type Block, type Inline } from '../markdown/parse-markdown'

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text
      case 'code':
        return (
          <code key={i} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]">
            {node.text}
          </code>
        )
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer nofollow" className="text-primary underline-offset-2 hover:underline">
            {renderInline(node.children)}
          </a>
        )
    }
  })
}

function renderBlocks(blocks: readonly Block[]): ReactNode[] {
  return blocks.map((block, i) => {
    switch (block.kind) {
      case 'paragraph':
        return <p key={i}>{renderInline(block.content)}</p>
      case 'code':
        return (
          <pre key={i} className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">
            <code>{block.text}</code>
          </pre>
        )
      case 'list': {
        const items = block.items.map((item, j) => (
          <li key={j}>
            {renderInline(item.content)}
            {item.children.length > 0 && renderBlocks(item.children)}
          </li>
        ))
        return block.ordered ? (
          <ol key={i} className="list-decimal space-y-1 pl-5">
            {items}
          </ol>
        ) : (
          <ul key={i} className="list-disc space-y-1 pl-5">
            {items}
          </ul>
        )
      }
    }
  })
}

/**
 * Renders model-written markdown as React elements — never as an HTML string, so markup in the
 * text (a `<script>`, an `<img onerror>`) is shown as the characters it is.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return <div className={className}>{renderBlocks(parseMarkdown(source))}</div>
}
