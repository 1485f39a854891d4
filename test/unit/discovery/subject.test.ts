import { describe, expect, it } from 'vitest';
import { shortenSubject } from '../../../src/discovery/index.js';

const bytes = (s: string): number => new TextEncoder().encode(s).length;

describe('shortenSubject', () => {
  it('keeps subjects of up to 80 bytes', () => {
    expect(shortenSubject('x'.repeat(80))).toBe('x'.repeat(80));
    expect(shortenSubject('€'.repeat(26))).toBe('€'.repeat(26)); // 78 bytes
  });
  it('cuts longer ASCII subjects to 77 bytes plus an ellipsis', () => {
    expect(shortenSubject('x'.repeat(81))).toBe('x'.repeat(77) + '...');
  });
  it('never splits a character', () => {
    const s = 'ab' + '😀'.repeat(30);
    const cut = shortenSubject(s);
    expect(cut.endsWith('...')).toBe(true);
    expect(bytes(cut)).toBeLessThanOrEqual(80);
    expect(cut).toBe('ab' + '😀'.repeat(18) + '...');
  });
});
