import { describe, expect, it } from 'vitest';
import { hasSoakedIn, longestSoak, parseGoDuration, removeFreightCurrentIn } from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, freightRes, goDurationMs, loadVectors } from '../fixtures/pipeline/resources.js';

const file = loadVectors('soak.json');
const freightWith = (status: unknown) => deepFreeze(freightRes({ name: 'f', origin: { kind: 'Warehouse', name: 'wh' }, status }));

describe('longestSoak (stage vectors, §1.5)', () => {
  for (const c of casesOf(file, 'getLongestSoak')) {
    it(c.name, () => {
      const ms = longestSoak(freightWith(c.input.freightStatus), c.input.stage, { now: c.input.now ?? file.now });
      expect(ms).toBe(goDurationMs(c.expected));
    });
  }
});

describe('hasSoakedIn (stage vectors)', () => {
  for (const c of casesOf(file, 'hasSoakedIn')) {
    it(c.name, () => {
      expect(hasSoakedIn(freightWith(c.input.freightStatus), c.input.stage, c.input.duration, { now: file.now })).toBe(c.expected);
    });
  }
});

/** Soak strings compared by length of time, since Go writes `2h0m0s` where a vector says `2h`. */
function normalizeSoaks(status: any): any {
  const out: any = {};
  for (const [k, v] of Object.entries(status ?? {})) {
    if (v && typeof v === 'object' && Object.keys(v).length === 0) continue;
    out[k] = k === 'verifiedIn'
      ? Object.fromEntries(Object.entries(v as object).map(([s, e]: [string, any]) => [s, { ...e, ...(e.longestSoak ? { longestSoak: parseDuration(e.longestSoak) } : {}) }]))
      : v;
  }
  return out;
}
function parseDuration(text: string): number {
  const r = parseGoDuration(text);
  if (!r.ok) throw new Error(`bad duration ${text}`);
  return r.value;
}

describe('removeFreightCurrentIn (stage vectors: RemoveCurrentStage)', () => {
  for (const c of casesOf(file, 'removeCurrentStage')) {
    it(c.name, () => {
      const before = freightWith(c.input.freightStatus);
      const r = removeFreightCurrentIn(before, c.input.stage, { now: file.now });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(normalizeSoaks(r.value.status)).toEqual(normalizeSoaks(c.expected));
      expect(r.value).not.toBe(before);
    });
  }
});
