/**
 * Regexes from users run in two engines: DuckDB (RE2, linear time) for stored-log filters and
 * JavaScript for the ingest-time rule engine, where a pattern with nested quantifiers can backtrack
 * catastrophically. So a pattern is accepted only when it means the same in both and cannot blow up:
 * it compiles in JS, uses no backreferences or lookaround (RE2 has neither), and no group repeated
 * without bound contains another quantifier or an alternation (the shapes behind ReDoS classics like
 * `(a+)+` and `(a|a)*`). Conservative on purpose: a rejected pattern can always be rewritten.
 */
export const MAX_REGEX_LENGTH = 1024

export function checkRegex(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `Regex is longer than ${MAX_REGEX_LENGTH} characters.`
  try {
    new RegExp(pattern)
  } catch (e) {
    return `Invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'Backreferences are not supported in regexes.'
  if (/\(\?<?[=!]/.test(pattern)) return 'Lookahead and lookbehind are not supported in regexes.'
  if (hasNestedQuantifier(pattern)) {
    return 'Regex repeats a group that contains another quantifier or an alternation (like (a+)+ or (a|b)*), which can take exponential time; simplify it.'
  }
  return null
}

/** Scans the pattern tracking, per open group, whether it contains a quantifier. */
function hasNestedQuantifier(p: string): boolean {
  const stack: { quantified: boolean; alternation: boolean }[] = []
  let inClass = false
  let lastGroup: { quantified: boolean; alternation: boolean } | null = null
  for (let i = 0; i < p.length; i++) {
    const c = p[i]
    if (c === '\\') {
      i++
      lastGroup = null
      continue
    }
    if (inClass) {
      if (c === ']') inClass = false
      continue
    }
    if (c === '[') {
      inClass = true
      lastGroup = null
      continue
    }
    if (c === '(') {
      stack.push({ quantified: false, alternation: false })
      lastGroup = null
      continue
    }
    if (c === '|') {
      const top = stack[stack.length - 1]
      if (top) top.alternation = true
      continue
    }
    if (c === ')') {
      lastGroup = stack.pop() ?? null
      continue
    }
    const isQuantifier = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i)))
    if (isQuantifier) {
      const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d+,\d*\}/.test(p.slice(i)) && !/^\{\d+,\d+\}/.test(p.slice(i)))
      if (lastGroup && unbounded && (lastGroup.quantified || lastGroup.alternation)) return true
      const top = stack[stack.length - 1]
      if (top && c !== '?') top.quantified = true
      if (lastGroup?.quantified) {
        const parent = stack[stack.length - 1]
        if (parent) parent.quantified = true
      }
      if (c === '{') i = p.indexOf('}', i)
      lastGroup = null
      continue
    }
    lastGroup = null
  }
  return false
}
