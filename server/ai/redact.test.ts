import { describe, expect, it } from 'vitest'
import type { LogRow } from '../../src/contract/logs'
import { parseRedact, REDACTION_CLASSES, type RedactionClass } from './config'
import { isCardNumber, MARKERS, redactAttributes, redactLog, redactText } from './redact'

const ALL = new Set(REDACTION_CLASSES)
const only = (...classes: RedactionClass[]) => new Set(classes)
const r = (text: string) => redactText(text, ALL)

describe('redactText: what is redacted', () => {
  it.each([
    // bearer tokens and authorization headers
    ['Authorization: Bearer abc123def456', `Authorization: Bearer ${MARKERS.token}`],
    ['authorization=Basic dXNlcjpwYXNzd29yZA==', `authorization=Basic ${MARKERS.token}`],
    ['Proxy-Authorization: Token 9f8e7d6c', `Proxy-Authorization: Token ${MARKERS.token}`],
    ['{"authorization":"Bearer xyz.789"}', `{"authorization":"Bearer ${MARKERS.token}"}`],
    ['{\\"Authorization\\":\\"Bearer t0ken\\"}', `{\\"Authorization\\":\\"Bearer ${MARKERS.token}\\"}`],
    ['calling upstream with bearer eyJhbGciOi.JIUzI1 now', `calling upstream with bearer ${MARKERS.token} now`],
    ['got Bearer abcdefghijklmnopqrstuvwxyz', `got Bearer ${MARKERS.token}`],
    ['jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpMeJf36', `jwt ${MARKERS.token}`],
    ['Cookie: session=abc; theme=dark', `Cookie: ${MARKERS.token}`],
    ['set-cookie: sid=1; HttpOnly\nnext line', `set-cookie: ${MARKERS.token}\nnext line`],
    // API keys of known shapes
    ['key sk-proj-AbCdEfGhIjKlMnOpQrStUv', `key ${MARKERS.apiKey}`],
    ['sk-ant-api03-abcdefghijklmnop', MARKERS.apiKey],
    ['phx_1234567890abcdefghijABCDEFG', MARKERS.apiKey],
    ['token phc_abcdefghijklmnopqrstu1234 sent', `token ${MARKERS.apiKey} sent`],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', MARKERS.apiKey],
    ['github_pat_11ABCDEFG0123456789_abcdefghij', MARKERS.apiKey],
    ['aws AKIAIOSFODNN7EXAMPLE used', `aws ${MARKERS.apiKey} used`],
    ['slack xoxb-123456789012-abcdefghij', `slack ${MARKERS.apiKey}`],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', `stripe ${MARKERS.apiKey}`],
    ['google AIzaSyA-1234567890abcdefghijklmnopqrstu', `google ${MARKERS.apiKey}`],
    // generic secret pairs
    ['GET /cb?access_token=abc123&state=x', `GET /cb?access_token=${MARKERS.secret}&state=x`],
    ['api_key=hello world', `api_key=${MARKERS.secret} world`],
    ['api-key: 12345', `api-key: ${MARKERS.secret}`],
    ['password=hunter2;', `password=${MARKERS.secret};`],
    ['db passwd = "correct horse battery"', `db passwd = "${MARKERS.secret}"`],
    ["client_secret: 'abc def'", `client_secret: '${MARKERS.secret}'`],
    ['{"password":"p@ss w0rd","user":"x"}', `{"password":"${MARKERS.secret}","user":"x"}`],
    ['{\\"password\\":\\"s3cret\\",\\"n\\":1}', `{\\"password\\":\\"${MARKERS.secret}\\",\\"n\\":1}`],
    ['X-Auth-Token: 0a1b2c', `X-Auth-Token: ${MARKERS.secret}`],
    ['secret=abc}', `secret=${MARKERS.secret}}`],
    ['api_key=sk-abcdefghijklmnopqrstu done', `api_key=${MARKERS.apiKey} done`],
    // passwords in URLs
    ['postgres://admin:hunter2@db.internal:5432/app', `postgres://admin:${MARKERS.password}@db.internal:5432/app`],
    ['redis://:s3cr3t@cache:6379', `redis://:${MARKERS.password}@cache:6379`],
    ['amqp://u:p@ss@mq/vhost', `amqp://u:${MARKERS.password}@mq/vhost`],
    // emails
    ['sent to bob.smith+tag@example.co.uk.', `sent to ${MARKERS.email}.`],
    ['user=alice@example.com,bob@test.io', `user=${MARKERS.email},${MARKERS.email}`],
    // card numbers
    ['card 4111 1111 1111 1111 declined', `card ${MARKERS.card} declined`],
    ['card=4111-1111-1111-1111.', `card=${MARKERS.card}.`],
    ['mc 5555555555554444', `mc ${MARKERS.card}`],
    ['amex 3782 822463 10005', `amex ${MARKERS.card}`],
    ['mc2 2223003122003222', `mc2 ${MARKERS.card}`],
    // IP addresses
    ['from 203.0.113.7:443', `from ${MARKERS.ip}:443`],
    ['client=192.168.1.20, proxy=10.0.0.1', `client=${MARKERS.ip}, proxy=${MARKERS.ip}`],
    ['from 2001:db8::8a2e:370:7334 ok', `from ${MARKERS.ip} ok`],
    ['peer [2001:db8:85a3:0:0:8a2e:370:7334]:8080', `peer [${MARKERS.ip}]:8080`],
    ['link fe80::1%eth0 up', `link ${MARKERS.ip} up`],
    ['ended at 2001:db8::1.', `ended at ${MARKERS.ip}.`],
    ['mapped ::ffff:198.51.100.4', `mapped ::ffff:${MARKERS.ip}`],
    ['bare 1.2.3.4 is taken for an address', `bare ${MARKERS.ip} is taken for an address`],
  ])('%s', (input, expected) => {
    expect(r(input)).toBe(expected)
  })
})

describe('redactText: what is kept (false-positive guards)', () => {
  it.each([
    ['uuid 123e4567-e89b-12d3-a456-426614174000'],
    ['uuid with digit groups 12345678-1234-1234-1234-123456789012'],
    ['epoch ms 1738329600000 and µs 1738329600000000 and ns 1738329600000000000'],
    ['compact date 20260131120000123'],
    ['iso 2026-01-31T12:30:45.123456Z'],
    ['time 12:30:45 and 12:30:45.123'],
    ['mac 00:1a:2b:3c:4d:5e'],
    ['C++ std::vector<int> and Foo::bar()'],
    ['versions v1.2.3.4 and 1.2.3.4.5 and 1.2.3'],
    ['loopback 127.0.0.1:5432 and 0.0.0.0 and ::1 and ::'],
    ['luhn-failing 4111 1111 1111 1112'],
    ['order 123456789012 (12 digits)'],
    ['trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7'],
    ['bearer token missing'],
    ['Basic auth failed'],
    ['password reset email queued'],
    ['the token expired'],
    ['gen_ai.usage.input_tokens=512 max_tokens=1024'],
    ['disk-usage-is-at-ninety-percent-now'],
    ['http://example.com:8080/path?q=1'],
    ['https://user@example.org', 'https://[REDACTED_EMAIL]'],
    ['reauthorization: pending'],
    ['already [REDACTED_EMAIL] here'],
  ])('%s', (input, expected = input) => {
    expect(r(input)).toBe(expected)
  })
})

describe('redactText: classes', () => {
  const text = 'ip 203.0.113.7 mail bob@example.com card 4111111111111111 key sk-abcdefghijklmnopqrstu url https://u:pw@h/x Bearer abc123xyz'

  it('applies only the classes it is given', () => {
    const out = redactText(text, only('email'))
    expect(out).toContain(MARKERS.email)
    expect(out).toContain('203.0.113.7')
    expect(out).toContain('4111111111111111')
    expect(out).toContain('sk-abcdefghijklmnopqrstu')
  })

  it('keeps IP addresses with AI_REDACT=-ip and everything else redacted', () => {
    const out = redactText(text, parseRedact('-ip'))
    expect(out).toContain('203.0.113.7')
    for (const secret of ['bob@example.com', '4111111111111111', 'sk-abcdefghijklmnopqrstu', ':pw@', 'abc123xyz']) {
      expect(out).not.toContain(secret)
    }
  })

  it('changes nothing with every class off', () => {
    expect(redactText(text, new Set())).toBe(text)
  })
})

describe('isCardNumber', () => {
  it.each([
    ['4111111111111111', true],
    ['5500005555555559', true],
    ['378282246310005', true],
    ['6011111111111117', true],
    ['4111111111111112', false], // Luhn fails
    ['1234567812345670', false], // passes Luhn, but no card starts with 1
    ['2026013112000012', false], // a compact date: 20… is not a card prefix
    ['411111111111', false], // 12 digits
  ])('%s → %s', (digits, expected) => {
    expect(isCardNumber(digits)).toBe(expected)
  })
})

describe('redactAttributes and redactLog', () => {
  it('replaces whole values under secret-looking keys, whatever they look like', () => {
    const out = redactAttributes(
      {
        password: 'plain words',
        'db.password': 'x',
        apiKey: 'abc',
        'http.request.header.authorization': 'Token t',
        'http.request.header.cookie': 'a=b',
        client_secret: 'q',
        'auth.token': 'z',
        'http.request.header.x-api-key': 'k',
        session_id: 's1',
        'gen_ai.usage.input_tokens': '512',
        token_count: '3',
        empty_password: '',
      },
      ALL,
    )
    expect(out).toEqual({
      password: MARKERS.secret,
      'db.password': MARKERS.secret,
      apiKey: MARKERS.secret,
      'http.request.header.authorization': MARKERS.token,
      'http.request.header.cookie': MARKERS.token,
      client_secret: MARKERS.secret,
      'auth.token': MARKERS.secret,
      'http.request.header.x-api-key': MARKERS.secret,
      session_id: MARKERS.token,
      'gen_ai.usage.input_tokens': '512',
      token_count: '3',
      empty_password: '',
    })
  })

  it('redacts keys too, keeping both values when two keys redact to the same name', () => {
    const out = redactAttributes({ 'quota/alice@example.com': '1', 'quota/bob@example.com': '2' }, ALL)
    expect(out).toEqual({ 'quota/[REDACTED_EMAIL]': '1', 'quota/[REDACTED_EMAIL]#2': '2' })
  })

  it('leaves secret-looking keys alone when their class is off', () => {
    expect(redactAttributes({ password: 'hunter2', cookie: 'a=b' }, only('email'))).toEqual({ password: 'hunter2', cookie: 'a=b' })
  })

  it('redacts every free-text field of a log and keeps ids and times', () => {
    const log: LogRow = {
      uuid: '0191e0c5-7f3a-7b2c-9d4e-1a2b3c4d5e6f',
      timestamp: '2026-01-31T12:00:00.000Z',
      observed_timestamp: null,
      severity_text: 'ERROR bob@example.com',
      severity_number: 17,
      level: 'error',
      service_name: 'svc-alice@example.com',
      body: 'login failed for carol@example.com',
      attributes: { 'user.email': 'dave@example.com' },
      resource_attributes: { 'host.ip': '203.0.113.9' },
      trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
      span_id: '00f067aa0ba902b7',
      event_name: 'evt erin@example.com',
    }
    const out = redactLog(log, ALL)
    expect(JSON.stringify(out)).not.toMatch(/@example\.com|203\.0\.113\.9/)
    expect(out).toMatchObject({
      uuid: log.uuid,
      timestamp: log.timestamp,
      trace_id: log.trace_id,
      span_id: log.span_id,
      severity_number: 17,
      body: `login failed for ${MARKERS.email}`,
      resource_attributes: { 'host.ip': MARKERS.ip },
    })
    expect(log.body).toBe('login failed for carol@example.com') // the input is not mutated
  })
})

describe('redactText: cost stays linear on hostile input', () => {
  const MB = 1_000_000
  it.each([
    ['one long word', 'a'.repeat(MB)],
    ['one long number', '7'.repeat(MB)],
    ['hex and colons', 'ab:'.repeat(MB / 3)],
    ['dotted digits', '1.'.repeat(MB / 2)],
    ['key-like run', 'x_'.repeat(MB / 2)],
    ['at signs', 'a@'.repeat(MB / 2)],
    ['base64 blob', Buffer.alloc((MB * 3) / 4, 'Zm9v').toString('base64')],
  ])('%s (1 MB) in well under a second', (_name, input) => {
    const started = performance.now()
    r(input)
    expect(performance.now() - started).toBeLessThan(1000)
  })
})
