import { Chip } from '@/components/ui/chip'
import type { ExplainResponse } from '@/contract/explain'

const confidenceTone = { high: 'primary', medium: 'warning', low: 'neutral' } as const

export function ProbableCauses({ causes }: { causes: ExplainResponse['probable_causes'] }) {
  return (
    <section aria-labelledby="explain-causes">
      <h4 id="explain-causes" className="mb-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Probable causes
      </h4>
      <ol className="space-y-2">
        {causes.map((cause) => (
          <li key={cause.hypothesis} className="rounded-md border border-border p-2.5">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              {cause.hypothesis}
              <Chip tone={confidenceTone[cause.confidence]}>{cause.confidence} confidence</Chip>
            </p>
            <p className="mt-1 text-muted-foreground">{cause.reasoning}</p>
          </li>
        ))}
      </ol>
    </section>
  )
}
