import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { Markdown } from './markdown'

describe('Markdown', () => {
  it('renders bullets (nested), inline code, bold, italic, code blocks and http(s) links', () => {
    const { container } = render(
      <Markdown
        source={[
          'The **HTTP client** gave up after _30 s_ calling `card.charge()`:',
          '',
          '- first *point* with [the docs](https://example.com/docs?a=1)',
          '  - nested detail',
          '- second point',
          '',
          '1. step one',
          '2. step two',
          '',
          '```',
          'retry --max 3',
          '```',
        ].join('\n')}
      />,
    )
    expect(container.querySelector('strong')).toHaveTextContent('HTTP client')
    expect(container.querySelector('em')).toHaveTextContent('30 s')
    expect(container.querySelector('p code')).toHaveTextContent('card.charge()')
    const lists = container.querySelectorAll('ul')
    expect(lists).toHaveLength(2)
    expect(lists[1]).toHaveTextContent('nested detail')
    expect(container.querySelectorAll('ol > li')).toHaveLength(2)
    expect(screen.getByRole('link', { name: 'the docs' })).toHaveAttribute('href', 'https://example.com/docs?a=1')
    expect(screen.getByRole('link', { name: 'the docs' })).toHaveAttribute('rel', 'noopener noreferrer nofollow')
    expect(container.querySelector('pre code')).toHaveTextContent('retry --max 3')
  })

  it('shows script tags, raw HTML and non-http links as the text they are', () => {
    const source = [
      '<script>alert(1)</script>',
      '- <img src=x onerror=alert(2)> in a bullet',
      '- [click me](javascript:alert(3)) and [data](data:text/html,<b>x</b>) and [relative](/admin)',
      '- <a href="https://evil.example">raw anchor</a> **<iframe src=x>**',
      '```',
      '<style>body{display:none}</style>',
      '```',
    ].join('\n')
    const { container } = render(<Markdown source={source} />)

    expect(container.querySelector('script, img, iframe, style, b')).toBeNull()
    expect(container.querySelectorAll('a')).toHaveLength(0)
    expect(container).toHaveTextContent('<script>alert(1)</script>')
    expect(container).toHaveTextContent('<img src=x onerror=alert(2)> in a bullet')
    expect(container).toHaveTextContent('[click me](javascript:alert(3))')
    expect(container).toHaveTextContent('[relative](/admin)')
    expect(container).toHaveTextContent('<a href="https://evil.example">raw anchor</a>')
    expect(container.querySelector('strong')).toHaveTextContent('<iframe src=x>')
    expect(container.querySelector('pre')).toHaveTextContent('<style>body{display:none}</style>')
  })

  it('keeps snake_case names and lone markers as text', () => {
    const { container } = render(<Markdown source="set max_retry_count to 2 * 3" />)
    expect(container.querySelector('em')).toBeNull()
    expect(container).toHaveTextContent('set max_retry_count to 2 * 3')
  })
})
