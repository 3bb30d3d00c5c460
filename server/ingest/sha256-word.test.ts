import { hash, randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sampleKey } from '../rules/engine'
import { MAX_ONE_BLOCK, sha256FirstWord } from './sha256-word'
import { prng } from '../demo/generator'

const reference = (s: string) => hash('sha256', s, 'buffer').readUInt32BE(0)

describe('sha256FirstWord', () => {
  it('equals the first word of node:crypto’s SHA-256 for every ASCII length that fits one block', () => {
    const rand = prng(7)
    for (let length = 0; length <= MAX_ONE_BLOCK; length++) {
      for (let k = 0; k < 50; k++) {
        let s = ''
        for (let i = 0; i < length; i++) s += String.fromCharCode(Math.floor(rand() * 128))
        expect(sha256FirstWord(s)).toBe(reference(s))
      }
    }
    for (let k = 0; k < 500; k++) {
      const uuid = randomUUID()
      expect(sha256FirstWord(uuid)).toBe(reference(uuid))
      const traceId = uuid.replaceAll('-', '')
      expect(sha256FirstWord(traceId)).toBe(reference(traceId))
    }
    // Known answers: sha256("") = e3b0c442…, sha256("abc") = ba7816bf…
    expect(sha256FirstWord('')).toBe(0xe3b0c442)
    expect(sha256FirstWord('abc')).toBe(0xba7816bf)
  })

  it('declines what is not one block of ASCII (-1), and sampleKey hashes those with node:crypto', () => {
    for (const s of ['x'.repeat(MAX_ONE_BLOCK + 1), 'ü', 'trace-ü', '🚀', 'a'.repeat(1000)]) {
      expect(sha256FirstWord(s)).toBe(-1)
      expect(sampleKey(s)).toBe(reference(s))
    }
    for (const s of ['0123456789abcdef0123456789abcdef', randomUUID(), '', 'x'.repeat(MAX_ONE_BLOCK)]) expect(sampleKey(s)).toBe(reference(s))
  })
})
