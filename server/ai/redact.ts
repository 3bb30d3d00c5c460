import { isIPv6 } from 'node:net'
import type { LogRow } from '../../src/contract/logs'
import type { RedactionClass } from './config'

/**
 * Redaction of secrets and personal data before a log leaves the server for an AI provider.
 *
 * Pure string rewriting, one pass per rule, every rule linear in the input: each pattern that begins
 * with a repeated character class also has a look-behind that lets it start only at the beginning
 * of such a run, so a 1 MB base64 blob costs one scan, not a quadratic one.
 *
 * When in doubt a rule redacts: a lost detail makes an explanation vaguer, a leaked credential
 * cannot be taken back. Decisions worth knowing:
 * - Markers are typed (`[REDACTED_EMAIL]`…) so the model knows what kind of value was there.
 * - A bare four-part dotted number such as `1.2.3.4` cannot be told from an IPv4 address and is
 *   redacted; with a prefix (`v1.2.3.4`) or a fifth part (`1.2.3.4.5`) it is a version and kept.
 * - Loopback and unspecified addresses (127.0.0.0/8, 0.0.0.0, ::1, ::) identify nobody and say a
 *   lot ("connection refused 127.0.0.1:5432"), so they are kept.
 * - A card number is 13–19 digits, optionally grouped by single spaces or dashes, that passes Luhn
 *   and starts the way issued cards do (2-series Mastercard 22–27, 3, 4, 5, 6). Epoch timestamps
 *   (seconds to nanoseconds all start with 1 until 2033), compact dates (20…) and uuids (hex
 *   groups joined by dashes, never 13 bare digits in a row) are therefore not cards.
 * - A value under an attribute key that names a secret (`password`, `db.password`, `apiKey`,
 *   `http.request.header.authorization`, `cookie`…) is replaced whole, whatever it looks like.
 */

export const MARKERS = {
  token: '[REDACTED_TOKEN]',
  apiKey: '[REDACTED_API_KEY]',
  secret: '[REDACTED_SECRET]',
  password: '[REDACTED_PASSWORD]',
  email: '[REDACTED_EMAIL]',
  card: '[REDACTED_CARD]',
  ip: '[REDACTED_IP]',
} as const

type Rule = (text: string) => string

/** `scheme://user:password@host` → `scheme://user:[REDACTED_PASSWORD]@host`. Userinfo never holds `/`. */
const URL_PASSWORD_RE = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s/:@?#]*):([^\s/?#]+)@/gi

/** `Authorization: Bearer abc` → `Authorization: Bearer [REDACTED_TOKEN]`: the scheme stays, it is useful context. */
const AUTH_HEADER_RE =
  /\b((?:proxy-)?authorization)(\\?["']?\s*[:=]\s*\\?["']?)((?:bearer|basic|digest|token|negotiate|ntlm|apikey)\s+)?[^\s"',;\\]+/gi
/** A cookie header's value runs to the end of the line or the closing quote. */
const COOKIE_HEADER_RE = /\b((?:set-)?cookie)(\\?["']?\s*[:=]\s*\\?["']?)[^"'\\\r\n]+/gi
const BEARER_RE = /\b(bearer|basic)(\s+)([A-Za-z0-9\-._~+/]+=*)/gi
const JWT_RE = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g

/** Key shapes of well-known providers: OpenAI/Anthropic, Stripe, PostHog, GitHub, GitLab, AWS, Slack, Google. */
const KNOWN_KEY_RE = new RegExp(
  [
    String.raw`\bsk-[A-Za-z0-9_-]{16,}`,
    String.raw`\b[sr]k_(?:live|test)_[A-Za-z0-9]{10,}`,
    String.raw`\bph[xcs]_[A-Za-z0-9]{16,}`,
    String.raw`\bgh[pousr]_[A-Za-z0-9]{20,}`,
    String.raw`\bgithub_pat_[A-Za-z0-9_]{20,}`,
    String.raw`\bglpat-[A-Za-z0-9_-]{20,}`,
    String.raw`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`,
    String.raw`\bxox[abprs]-[A-Za-z0-9-]{10,}`,
    String.raw`\bAIza[A-Za-z0-9_-]{35}`,
  ].join('|'),
  'g',
)

/** Names that make a key=value pair (or an attribute key) a secret; matched at the end of the key. */
const SECRET_NAMES = String.raw`(?:api[_-]?key|access[_-]?key|secret[_-]?key|private[_-]?key|secret|token|passw(?:or)?d|credentials?)`
/**
 * `password=…`, `api_key: …`, `"client_secret":"…"`, `?access_token=…&`, and JSON escaped inside a
 * string (`{\"password\":\"…\"}`, common in log bodies) — the value is replaced, its quotes kept.
 */
const SECRET_PAIR_RE = new RegExp(
  String.raw`(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]*?${SECRET_NAMES})(\\?["']?\s*[:=]\s*)(?!\[REDACTED_)` +
    String.raw`(\\"(?:(?!\\")[^\r\n])*\\"|"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s"'&,;)}\]\\]+)`,
  'gi',
)
const SECRET_KEY_RE = new RegExp(String.raw`(?:^|[._\s-])${SECRET_NAMES}$`)
const TOKEN_KEY_RE = /(?:^|[._\s-])(?:authorization|cookie|session[_-]?id)$/

const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
const CARD_RE = /(?<![\w-])\d(?:[ -]?\d){12,18}(?!\w|-\w)/g
const CARD_PREFIX_RE = /^(?:2[2-7]|[3-6])/
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`
const IPV4_RE = new RegExp(String.raw`(?<![\w.])(?:${OCTET}\.){3}${OCTET}(?!\w|\.\d)`, 'g')
/** A candidate with at least two colons; `isIPv6` decides (times like 12:30:45 and MACs are not). */
const IPV6_CANDIDATE_RE = /(?<![\w:.%])(?=[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45}(?:%[\w.-]{1,20})?(?![\w:])/g

const RULES: Record<RedactionClass, Rule[]> = {
  url_password: [(t) => t.replace(URL_PASSWORD_RE, `$1:${MARKERS.password}@`)],
  bearer: [
    (t) => t.replace(AUTH_HEADER_RE, (_m, name: string, sep: string, scheme = '') => `${name}${sep}${scheme}${MARKERS.token}`),
    (t) => t.replace(COOKIE_HEADER_RE, `$1$2${MARKERS.token}`),
    (t) => t.replace(BEARER_RE, (m, scheme: string, space: string, token: string) => (looksLikeCredential(token) ? `${scheme}${space}${MARKERS.token}` : m)),
    (t) => t.replace(JWT_RE, MARKERS.token),
  ],
  apikey: [
    (t) => t.replace(KNOWN_KEY_RE, MARKERS.apiKey),
    (t) =>
      t.replace(SECRET_PAIR_RE, (_m, key: string, sep: string, value: string) => {
        const quote = /^(?:\\"|"|')/.exec(value)?.[0] ?? ''
        return `${key}${sep}${quote}${MARKERS.secret}${quote}`
      }),
  ],
  email: [(t) => t.replace(EMAIL_RE, MARKERS.email)],
  card: [(t) => t.replace(CARD_RE, (m) => (isCardNumber(m.replace(/[ -]/g, '')) ? MARKERS.card : m))],
  ip: [
    (t) => t.replace(IPV4_RE, (m) => (m.startsWith('127.') || m === '0.0.0.0' ? m : MARKERS.ip)),
    (t) => t.replace(IPV6_CANDIDATE_RE, redactIpv6Candidate),
  ],
}

/** Rules run in this order: URL passwords before emails (`user:pass@host.com` is not an email). */
const ORDER: RedactionClass[] = ['url_password', 'bearer', 'apikey', 'email', 'card', 'ip']

export function redactText(text: string, classes: ReadonlySet<RedactionClass>): string {
  let out = text
  for (const cls of ORDER) {
    if (!classes.has(cls)) continue
    for (const rule of RULES[cls]) out = rule(out)
  }
  return out
}

/** A copy of the log with every free-text field redacted; ids, times and numbers are machine-made and kept. */
export function redactLog(log: LogRow, classes: ReadonlySet<RedactionClass>): LogRow {
  return {
    ...log,
    severity_text: redactText(log.severity_text, classes),
    service_name: redactText(log.service_name, classes),
    body: redactText(log.body, classes),
    event_name: redactText(log.event_name, classes),
    attributes: redactAttributes(log.attributes, classes),
    resource_attributes: redactAttributes(log.resource_attributes, classes),
  }
}

export function redactAttributes(attributes: Record<string, string>, classes: ReadonlySet<RedactionClass>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(attributes)) {
    let name = redactText(key, classes)
    // Two keys can redact to the same name (two emails used as keys); keep both values.
    for (let n = 2; Object.hasOwn(out, name); n++) name = `${redactText(key, classes)}#${n}`
    out[name] = redactValue(key, value, classes)
  }
  return out
}

function redactValue(key: string, value: string, classes: ReadonlySet<RedactionClass>): string {
  if (value === '') return value // an empty credential hides nothing and is itself a useful clue
  const name = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
  if (classes.has('bearer') && TOKEN_KEY_RE.test(name)) return MARKERS.token
  if (classes.has('apikey') && SECRET_KEY_RE.test(name)) return MARKERS.secret
  return redactText(value, classes)
}

/** "Bearer token" or "basic auth" are words; a credential is long or has a digit or a symbol in it. */
function looksLikeCredential(token: string): boolean {
  return token.length >= 16 || /[\d\-._~+/=]/.test(token)
}

export function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && CARD_PREFIX_RE.test(digits) && luhn(digits)
}

function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

function redactIpv6Candidate(candidate: string): string {
  // A sentence may end right after an address ("from 2001:db8::1."); the dot is not part of it.
  const trimmed = candidate.replace(/\.+$/, '')
  const address = trimmed.split('%')[0]!
  if (!isIPv6(address) || address === '::1' || address === '::') return candidate
  return MARKERS.ip + candidate.slice(trimmed.length)
}
