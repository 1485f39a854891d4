import { describe, expect, it } from 'vitest';
import {
  buildFreightSummary,
  buildTargetFreightCollection,
  freightCollectionId,
  freightCollectionReferences,
  pushVerificationInfo,
  recordFreightHistory,
  updateFreightCollection,
} from '../../src/pipeline/index.js';
import { casesOf, deepFreeze, loadVectors } from '../fixtures/pipeline/resources.js';

const file = loadVectors('freight_history.json');

/** Vector items carry names only; the origin comes from the key. */
const withOrigins = (items: Record<string, { name: string }> | null) =>
  items &&
  Object.fromEntries(
    Object.entries(items).map(([key, ref]) => {
      const [kind, name] = key.split('/');
      return [key, { ...ref, origin: { kind: kind!, name: name! } }];
    }),
  );
const namesOnly = (items: Record<string, { name?: string }>) => Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { name: v.name }]));

describe('freight history helpers (stage vectors, §1.4, §5.5)', () => {
  for (const c of casesOf(file, 'freightHistoryRecord')) {
    it(`recordFreightHistory: ${c.name}`, () => {
      expect(recordFreightHistory(deepFreeze(c.input.history), ...c.input.record)).toEqual(c.expected);
    });
  }
  for (const c of casesOf(file, 'freightCollectionId')) {
    it(`freightCollectionId: ${c.name}`, () => expect(freightCollectionId(c.input.names)).toBe(c.expected));
  }
  for (const c of casesOf(file, 'freightCollectionUpdateOrPush')) {
    it(`updateFreightCollection: ${c.name}`, () => {
      const before = deepFreeze({ items: withOrigins(c.input.items) });
      const got = updateFreightCollection(before, ...c.input.push);
      expect(namesOnly(got.items)).toEqual(c.expected.items);
      expect(got.id).toBe(c.expected.id);
    });
  }
  for (const c of casesOf(file, 'freightCollectionReferences')) {
    it(`freightCollectionReferences: ${c.name}`, () => {
      expect(freightCollectionReferences({ items: c.input.items }).map((r: any) => r.name)).toEqual(c.expected);
    });
  }
  for (const c of casesOf(file, 'verificationStackUpdateOrPush')) {
    it(`pushVerificationInfo: ${c.name}`, () => {
      expect(pushVerificationInfo(deepFreeze(c.input.stack), ...c.input.push)).toEqual(c.expected);
    });
  }
  for (const c of casesOf(file, 'buildFreightSummary')) {
    it(`buildFreightSummary: ${c.name}`, () => expect(buildFreightSummary(c.input.requested, c.input.currentItems)).toBe(c.expected));
  }
  for (const c of casesOf(file, 'buildTargetFreightCollection')) {
    it(`buildTargetFreightCollection: ${c.name}`, () => {
      const [kind, name] = c.input.target.origin.split('/');
      const got = buildTargetFreightCollection(
        c.input.requestedOrigins,
        c.input.lastPromotionCollection ? deepFreeze({ items: withOrigins(c.input.lastPromotionCollection) }) : null,
        { name: c.input.target.name, origin: { kind, name } },
      );
      expect(namesOnly(got.items)).toEqual(c.expected.items);
      expect(got.id).toBe(c.expected.id);
    });
  }
});
