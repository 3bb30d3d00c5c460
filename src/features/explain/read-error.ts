const variableRe = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g

/**
 * Environment variables the server's "not configured" sentence names, in order: the ones it says
 * are not set ("(AI_BASE_URL and AI_MODEL are not set)") and the others it mentions (AI_API_KEY).
 */
export function variablesIn(detail: string): { missing: string[]; mentioned: string[] } {
  const all = [...new Set(detail.match(variableRe) ?? [])]
  const notSet = /\(([^)]*)\bnot set\)/.exec(detail)?.[1]
  const missing = notSet ? all.filter((name) => new RegExp(`\\b${name}\\b`).test(notSet)) : all
  return { missing, mentioned: all.filter((name) => !missing.includes(name)) }
}

/**
 * Seconds until a retry can work. The API says it in its sentence ("Try again in 12 s.") and in a
 * Retry-After header the typed client does not pass on; a minute when the sentence does not say.
 */
export function retryAfterSeconds(detail: string): number {
  const match = /(\d+)\s*(?:s\b|sec|second)/i.exec(detail)
  return match ? Math.max(1, Number(match[1])) : 60
}
