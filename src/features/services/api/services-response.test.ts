import { describe, expect, it } from 'vitest'
import { servicesResponseSchema } from '@/contract/logs'
import { serviceRow, servicesResponse } from '@/test/fixtures'
import { isServicesResponse, servicesAnswerSchema } from './services-response'

const valid = () =>
  servicesResponse(
    [
      serviceRow('api', { active_rules: [{ rule_id: 'r1', rule_name: 'Drop health checks', summary_string: 'Drops /health' }] }),
      serviceRow('web'),
    ],
    { sparkline: [{ time: '2026-01-02T10:00:00Z', service_name: 'api', count: 3 }] },
  )

type Answer = ReturnType<typeof valid>
type Row = Answer['services'][number]
const broken: [string, (a: Answer) => void][] = [
  ['services not a list', (a) => ((a as { services: unknown }).services = {})],
  ['a row that is null', (a) => ((a.services as unknown[])[1] = null)],
  ['a count as a string', (a) => ((a.services[1] as { log_count: unknown }).log_count = '12')],
  ['a NaN rate', (a) => (a.services[0]!.error_rate = NaN)],
  ['no service name', (a) => delete (a.services[1] as Partial<Row>).service_name],
  ['a level missing', (a) => delete (a.services[0]!.severity_breakdown as Partial<Row['severity_breakdown']>).warn],
  ['rules not a list', (a) => ((a.services[0] as { active_rules: unknown }).active_rules = 'none')],
  ['a rule without its summary', (a) => delete (a.services[0]!.active_rules[0] as Partial<Row['active_rules'][number]>).summary_string],
  ['a sparkline count as a string', (a) => ((a.sparkline[0] as { count: unknown }).count = '3')],
  ['no summary', (a) => delete (a as Partial<Answer>).summary],
  ['a null total', (a) => ((a as { total_services: unknown }).total_services = null)],
]

describe('services answer check', () => {
  it('accepts what the contract schema accepts, as is', () => {
    const answer = valid()
    expect(servicesResponseSchema.safeParse(answer).success).toBe(true)
    expect(isServicesResponse(answer)).toBe(true)
    expect(servicesAnswerSchema.parse(answer)).toBe(answer)

    const noTotal = valid()
    delete noTotal.total_services
    expect(isServicesResponse(noTotal)).toBe(true)
    expect(servicesResponseSchema.safeParse(noTotal).success).toBe(true)
  })

  it.each(broken)('rejects %s, with the contract schema’s error', (_, breakIt) => {
    const answer = valid()
    breakIt(answer)
    const expected = servicesResponseSchema.safeParse(answer)
    const actual = servicesAnswerSchema.safeParse(answer)
    expect(isServicesResponse(answer)).toBe(false)
    expect(expected.success).toBe(false)
    expect(actual.success).toBe(false)
    expect(actual.error!.issues.map((i) => [i.path, i.message])).toEqual(expected.error!.issues.map((i) => [i.path, i.message]))
  })
})
