/**
 * A deliberately small markdown reader for model output: paragraphs, bullet and numbered lists
 * (nested by indentation), fenced code blocks, inline code, bold, italic, and links to http(s)
 * URLs. It produces a tree of plain data; anything else — raw HTML included — stays text, and the
 * renderer only ever makes React text nodes of it.
 */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }

export interface ListItem {
  content: Inline[]
  children: Block[]
}

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }

const MAX_NESTING = 4
const listItemRe = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/
const fenceRe = /^\s*(```|~~~)/

/** Only absolute http(s) URLs become links; `javascript:`, `data:` and relative URLs stay text. */
function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null
  } catch {
    return null
  }
}

function parseInline(src: string, depth = 0): Inline[] {
  const out: Inline[] = []
  let text = ''
  const flush = () => {
    if (text) out.push({ kind: 'text', text })
    text = ''
  }
  const push = (node: Inline) => {
    flush()
    out.push(node)
  }
  let i = 0
  while (i < src.length) {
    const ch = src[i]!
    const rest = src.slice(i)
    if (ch === '\\' && /^\\[\\`*_[\]()]/.test(rest)) {
      text += src[i + 1]
      i += 2
      continue
    }
    if (ch === '`') {
      const end = src.indexOf('`', i + 1)
      if (end > i + 1) {
        push({ kind: 'code', text: src.slice(i + 1, end) })
        i = end + 1
        continue
      }
    }
    if (depth < MAX_NESTING && ch === '[') {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest)
      if (link) {
        const href = safeHref(link[2]!)
        if (href) push({ kind: 'link', href, children: parseInline(link[1]!, depth + 1) })
        else text += link[0]
        i += link[0].length
        continue
      }
    }
    if (depth < MAX_NESTING && (rest.startsWith('**') || rest.startsWith('__'))) {
      const end = src.indexOf(rest.slice(0, 2), i + 2)
      if (end > i + 2) {
        push({ kind: 'strong', children: parseInline(src.slice(i + 2, end), depth + 1) })
        i = end + 2
        continue
      }
    }
    if (depth < MAX_NESTING && (ch === '*' || ch === '_')) {
      const end = src.indexOf(ch, i + 1)
      const tight = end > i + 1 && !/\s/.test(src[i + 1]!) && !/\s/.test(src[end - 1]!)
      // `snake_case_names` are not emphasis: an underscore must sit at a word boundary.
      const bounded = ch === '*' || (!/\w/.test(src[i - 1] ?? '') && !/\w/.test(src[end + 1] ?? ''))
      if (tight && bounded) {
        push({ kind: 'em', children: parseInline(src.slice(i + 1, end), depth + 1) })
        i = end + 1
        continue
      }
    }
    text += ch
    i += 1
  }
  flush()
  return out
}

const indentOf = (line: string) => line.length - line.trimStart().length

function parseList(lines: string[], depth: number): { block: Block; used: number } {
  const first = listItemRe.exec(lines[0]!)!
  const base = first[1]!.length
  const ordered = /\d/.test(first[2]!)
  const items: ListItem[] = []
  let i = 0
  while (i < lines.length) {
    const match = listItemRe.exec(lines[i]!)
    if (!match || match[1]!.length !== base || /\d/.test(match[2]!) !== ordered) break
    let content = match[3]!
    const nested: string[] = []
    i += 1
    while (i < lines.length && lines[i]!.trim() !== '' && indentOf(lines[i]!) > base) {
      if (listItemRe.test(lines[i]!) || nested.length > 0) nested.push(lines[i]!)
      else content += ` ${lines[i]!.trim()}`
      i += 1
    }
    items.push({ content: parseInline(content.trim()), children: nested.length > 0 ? parseBlocks(nested, depth + 1) : [] })
  }
  return { block: { kind: 'list', ordered, items }, used: i }
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    if (line.trim() === '') {
      i += 1
    } else if (fenceRe.test(line)) {
      const fence = fenceRe.exec(line)![1]!
      const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence))
      const stop = end === -1 ? lines.length : end
      blocks.push({ kind: 'code', text: lines.slice(i + 1, stop).join('\n') })
      i = stop + 1
    } else if (listItemRe.test(line) && depth < MAX_NESTING) {
      const { block, used } = parseList(lines.slice(i), depth)
      blocks.push(block)
      i += Math.max(used, 1)
    } else {
      const paragraph: string[] = []
      while (i < lines.length && lines[i]!.trim() !== '' && !fenceRe.test(lines[i]!) && !listItemRe.test(lines[i]!)) {
        paragraph.push(lines[i]!.trim())
        i += 1
      }
      if (paragraph.length === 0) {
        paragraph.push(line.trim())
        i += 1
      }
      blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) })
    }
  }
  return blocks
}

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0)
}
