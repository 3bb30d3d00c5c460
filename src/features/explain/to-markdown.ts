import type { ExplainResponse } from '@/contract/explain'

/** The explanation as a markdown document, for pasting into an incident channel or a ticket. */
export function explanationToMarkdown(e: ExplainResponse): string {
  const lines = [
    `## ${e.headline}`,
    '',
    `**Severity:** ${e.severity_assessment}`,
    '',
    e.impact_summary,
    '',
    '### Probable causes',
    ...e.probable_causes.map((c) => `- **${c.hypothesis}** (${c.confidence} confidence): ${c.reasoning}`),
    '',
    '### What to do',
    ...e.immediate_actions.map((a) => `- [${a.priority}] ${a.action}: ${a.why}`),
    '',
    '### Technical explanation',
    e.technical_explanation,
  ]
  if (e.key_fields.length > 0) {
    lines.push('', '### Key fields', ...e.key_fields.map((f) => `- \`${f.field}\` = \`${f.value}\`: ${f.significance}`))
  }
  lines.push(
    '',
    `_${e.similar.count_1h} logs of this shape in the last hour. Explained by ${e.model} at ${e.generated_at}._`,
  )
  return lines.join('\n')
}
