import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SeverityMixBar } from './severity-mix-bar'

const breakdown = { debug: 30, info: 60, warn: 18, error: 12 }

describe('severity mix bar', () => {
  it('names every level in the bar, and puts the table in the DOM only while hovered or focused', () => {
    render(<SeverityMixBar breakdown={breakdown} />)
    const bar = screen.getByRole('img', { name: 'Severity mix: debug 25 % (30), info 50 % (60), warn 15 % (18), error 10 % (12)' })
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument()

    fireEvent.pointerEnter(bar)
    const tooltip = screen.getByRole('tooltip')
    expect(bar).toHaveAttribute('aria-describedby', tooltip.id)
    expect(within(tooltip).getAllByRole('row').map((row) => row.textContent)).toEqual(['debug25 %30', 'info50 %60', 'warn15 %18', 'error10 %12'])
    fireEvent.pointerLeave(bar)
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument()

    fireEvent.focus(bar)
    expect(screen.getByRole('tooltip')).toBeInTheDocument()
    fireEvent.keyDown(bar, { key: 'Escape' })
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument()
  })
})
