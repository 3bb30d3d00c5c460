#!/usr/bin/env node
// `npm test`: typecheck, lint, unit + API tests (vitest), build, end-to-end tests (Playwright in
// Debian's Chromium). Ends with one line of its own, `N passed, N failed`, summed from the runners'
// JSON reports (typecheck and lint count as one check each), so a run that tested nothing shows.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const reports = join(root, 'reports')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const bin = (name) => join(root, 'node_modules', '.bin', name)
const tally = { passed: 0, failed: 0 }
const lines = []

function run(label, cmd, args, env = {}) {
  const started = Date.now()
  console.log(`\n▶ ${label}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: r.status === 0, seconds }
}

function check(label, cmd, args) {
  const r = run(label, cmd, args)
  tally[r.ok ? 'passed' : 'failed']++
  lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${label} (${r.seconds} s)`)
  return r.ok
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

/** Chromium for the end-to-end tests: CHROMIUM_PATH, /usr/bin/chromium, or installed here via apt as root. */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  if (existsSync(path)) return path
  const isRoot = process.getuid?.() === 0
  const hasApt = existsSync('/usr/bin/apt-get')
  if (isRoot && hasApt) {
    console.log('▶ Chromium is missing: installing Debian\'s chromium with apt-get')
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (install && install.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
  }
  console.error('Chromium not found: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary, then run npm test again.')
  process.exit(1)
}

const chromium = ensureChromium()

check('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'])
check('lint (eslint)', bin('eslint'), ['.', '--max-warnings=0'])

/** One vitest run; its JSON report's counts go into the tally. */
function vitest(label, report, projects) {
  const args = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...projects.flatMap((p) => ['--project', p])]
  const r = run(label, bin('vitest'), args)
  const v = readJson(report)
  if (!v) {
    tally.failed++
    lines.push(`FAIL ${label}: vitest wrote no report`)
    return
  }
  tally.passed += v.numPassedTests
  tally.failed += v.numFailedTests
  lines.push(`${r.ok ? 'ok  ' : 'FAIL'} ${label}: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${v.numPendingTests + v.numTodoTests} skipped (${r.seconds} s)`)
  if (!r.ok && v.numFailedTests === 0) {
    tally.failed++ // a suite that failed to load or a crash outside any test
    lines.push(`FAIL ${label}: vitest exited non-zero outside any test (a file failed to load?)`)
  }
}

vitest('unit and API tests (vitest)', join(reports, 'vitest.json'), ['unit', 'server', 'server-proxy'])
// Load and fault tests after the rest, alone, so they measure the server and not the other suites.
vitest('load and fault tests (vitest, one file at a time)', join(reports, 'vitest-stress.json'), ['stress'])

const built = check('build (vite build)', bin('vite'), ['build', '--logLevel', 'warn'])

const pwReport = join(reports, 'playwright.json')
if (built) {
  const e2e = run('end-to-end tests (Playwright, Chromium)', bin('playwright'), ['test'], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport })
  const p = readJson(pwReport)
  if (p?.stats) {
    const passed = p.stats.expected + p.stats.flaky
    const failed = p.stats.unexpected
    tally.passed += passed
    tally.failed += failed
    lines.push(`${e2e.ok ? 'ok  ' : 'FAIL'} playwright: ${passed} passed, ${failed} failed, ${p.stats.skipped} skipped${p.stats.flaky ? ` (${p.stats.flaky} flaky)` : ''} (${e2e.seconds} s)`)
    if (!e2e.ok && failed === 0) {
      tally.failed++
      lines.push('FAIL playwright exited non-zero outside any test (global setup?)')
    }
  } else {
    tally.failed++
    lines.push('FAIL playwright wrote no report')
  }
} else {
  lines.push('skip playwright: the build failed')
}

console.log('\n' + lines.join('\n'))
console.log(`\n${tally.passed} passed, ${tally.failed} failed`)
process.exit(tally.failed === 0 && tally.passed > 0 ? 0 : 1)
