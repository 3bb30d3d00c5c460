import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { SparklineStatic, sparklinePoints } from './sparkline-static'

const series = {
  stepMs: 60_000,
  buckets: [0, 5, 10, 0, 2.5].map((count, i) => ({ time: i * 60_000, count })),
}

describe('static sparkline', () => {
  it('places buckets evenly across the width and counts from the bottom margin (0) to the top one (peak)', () => {
    // 124 × 28 with the chart's 2 px margins top and bottom: y runs from 26 (0) to 2 (peak).
    expect(sparklinePoints(series, 124, 28)).toEqual([
      [0, 26],
      [31, 14],
      [62, 2],
      [93, 26],
      [124, 20],
    ])
    // No logs at all: a flat line on the baseline.
    expect(sparklinePoints({ stepMs: 60_000, buckets: [{ time: 0, count: 0 }, { time: 1, count: 0 }] }, 100, 28)).toEqual([
      [0, 26],
      [100, 26],
    ])
  })

  it('draws those points, at the chart size, with the summary as its name', () => {
    const { container, getByRole } = render(<SparklineStatic series={series} width={124} height={28} summary="api: 17.5 logs" />)
    const svg = getByRole('img', { name: 'api: 17.5 logs' })
    expect(svg).toHaveAttribute('width', '124')
    expect(svg).toHaveAttribute('height', '28')
    expect(container.querySelector('polyline')).toHaveAttribute('points', '0,26 31,14 62,2 93,26 124,20')
    expect(container.querySelector('polygon')).toHaveAttribute('points', '0,26 0,26 31,14 62,2 93,26 124,20 124,26')
  })
})
