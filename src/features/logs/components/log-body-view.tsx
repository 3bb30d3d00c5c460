/** Pretty-prints a body that is a JSON object or array; anything else is shown as it is. */
function prettyJson(body: string): string | null {
  const trimmed = body.trim()
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return null
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2)
  } catch {
    return null
  }
}

/** The log body as text (never markup), pretty-printed when it is JSON. */
export function LogBodyView({ body }: { body: string }) {
  const pretty = prettyJson(body)
  return (
    <section aria-labelledby="log-body-heading">
      <h3 id="log-body-heading" className="mb-1.5 flex items-center gap-2 text-xs font-medium tracking-wide text-muted-foreground uppercase">
        Body{pretty && <span className="rounded bg-muted px-1.5 py-0.5 text-[10px] normal-case">JSON</span>}
      </h3>
      <pre data-testid="log-body" className="max-h-80 overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">
        {pretty ?? (body === '' ? '(empty body)' : body)}
      </pre>
    </section>
  )
}
