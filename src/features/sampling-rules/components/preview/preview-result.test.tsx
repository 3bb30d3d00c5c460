import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { PreviewResult } from './preview-result'

describe('PreviewResult', () => {
  it("says simulation is not available for PostHog's 0.0 placeholder instead of showing 0 %", () => {
    render(<PreviewResult data={{ estimated_reduction_pct: 0, notes: 'Placeholder until CH-backed simulation is wired.' }} />)
    expect(screen.getByText('Simulation not available on this backend')).toBeInTheDocument()
    expect(screen.queryByText(/0\s*%/)).not.toBeInTheDocument()
  })

  it('shows a real estimate when the answer has counts', () => {
    render(
      <PreviewResult
        data={{
          estimated_reduction_pct: 0,
          notes: 'n',
          total_logs: 10,
          matched_logs: 0,
          dropped_logs: 0,
          dropped_bytes: 0,
          window: { date_from: '2026-11-25T00:00:00Z', date_to: '2026-11-26T00:00:00Z' },
          by_service: [],
          series: [],
        }}
      />,
    )
    expect(screen.queryByText('Simulation not available on this backend')).not.toBeInTheDocument()
    expect(screen.getByText('Matches nothing')).toBeInTheDocument()
  })
})
