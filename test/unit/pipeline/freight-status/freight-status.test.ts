import { describe, expect, it } from 'vitest';
import {
  approveFreight,
  forgetStageInFreight,
  hasSoakedIn,
  isFreightAvailable,
  longestSoak,
  markFreightApprovedFor,
  markFreightCurrentIn,
  markFreightVerifiedIn,
  removeFreightCurrentIn,
} from '../../../../src/pipeline/index.js';
import { deepFreeze, freightRes, stageRes } from '../../../fixtures/pipeline/resources.js';

const NOW = '2025-01-01T12:00:00Z';
const fresh = () => deepFreeze(freightRes({ name: 'f', origin: { kind: 'Warehouse', name: 'wh' } }));
const unwrap = <T>(r: { ok: true; value: T } | { ok: false }) => {
  if (!r.ok) throw new Error('expected ok');
  return r.value;
};

describe('freight status updates', () => {
  it('marks Freight current in a Stage once; the first time wins', () => {
    const f = fresh();
    const a = unwrap(markFreightCurrentIn(f, 'dev', { now: NOW }));
    expect(a.status.currentlyIn).toEqual({ dev: { since: NOW } });
    expect(f.status).toEqual({});
    const b = unwrap(markFreightCurrentIn(a, 'dev', { now: '2025-01-02T00:00:00Z' }));
    expect(b).toBe(a);
  });

  it('accepts a Date for now and writes whole seconds without a fraction', () => {
    const a = unwrap(markFreightCurrentIn(fresh(), 'dev', { now: new Date(Date.UTC(2025, 0, 1, 9, 30)) }));
    expect(a.status.currentlyIn?.dev?.since).toBe('2025-01-01T09:30:00Z');
  });

  it('reports an unreadable now instead of writing a wrong time', () => {
    const r = markFreightCurrentIn(fresh(), 'dev', { now: 'yesterday' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('PIPELINE_INVALID_TIME');
  });

  it('records the residency as the longest soak when verified Freight leaves', () => {
    let f = unwrap(markFreightCurrentIn(fresh(), 'dev', { now: '2025-01-01T10:00:00Z' }));
    f = unwrap(markFreightVerifiedIn(f, 'dev', { verifiedAt: '2025-01-01T10:05:00Z' }));
    expect(longestSoak(f, 'dev', { now: NOW })).toBe(2 * 3_600_000);
    const left = unwrap(removeFreightCurrentIn(f, 'dev', { now: NOW }));
    expect(left.status.currentlyIn).toEqual({});
    expect(left.status.verifiedIn?.dev).toEqual({ verifiedAt: '2025-01-01T10:05:00Z', longestSoak: '2h0m0s' });
    // Once out of the Stage, its soak stops growing.
    expect(longestSoak(left, 'dev', { now: '2025-02-01T00:00:00Z' })).toBe(2 * 3_600_000);
  });

  it('records no soak for Freight that was never verified', () => {
    const f = unwrap(markFreightCurrentIn(fresh(), 'dev', { now: '2025-01-01T10:00:00Z' }));
    const left = unwrap(removeFreightCurrentIn(f, 'dev', { now: NOW }));
    expect(left.status.verifiedIn).toBeUndefined();
    expect(longestSoak(left, 'dev', { now: NOW })).toBe(0);
  });

  it('leaves Freight that is not in the Stage as it is', () => {
    const f = fresh();
    expect(unwrap(removeFreightCurrentIn(f, 'dev', { now: NOW }))).toBe(f);
  });

  it('keeps the first verification and approval', () => {
    const v = unwrap(markFreightVerifiedIn(fresh(), 'dev', { verifiedAt: NOW }));
    expect(unwrap(markFreightVerifiedIn(v, 'dev', { verifiedAt: '2026-01-01T00:00:00Z' }))).toBe(v);
    const a = unwrap(markFreightApprovedFor(fresh(), 'prod', { now: NOW }));
    expect(a.status.approvedFor).toEqual({ prod: { approvedAt: NOW } });
    expect(unwrap(markFreightApprovedFor(a, 'prod', { now: '2026-01-01T00:00:00Z' }))).toBe(a);
  });

  it('approves only for Stages that request the origin', () => {
    const prod = deepFreeze(stageRes({ name: 'prod', requestedFreight: [{ origin: { kind: 'Warehouse', name: 'wh' }, sources: { stages: ['uat'] } }] }));
    const other = deepFreeze(stageRes({ name: 'other', requestedFreight: [{ origin: { kind: 'Warehouse', name: 'wh2' }, sources: { direct: true } }] }));
    const approved = unwrap(approveFreight(prod, fresh(), { now: NOW }));
    expect(isFreightAvailable(prod, approved, { now: NOW })).toBe(true);
    const refused = approveFreight(other, fresh(), { now: NOW });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.issues[0]?.code).toBe('PIPELINE_ORIGIN_NOT_REQUESTED');
      expect(refused.issues[0]?.message).toBe('Stage "other" does not request Freight from origin "Warehouse/wh"');
    }
  });

  it('forgets a deleted Stage, which can make Freight unavailable downstream', () => {
    const prod = stageRes({ name: 'prod', requestedFreight: [{ origin: { kind: 'Warehouse', name: 'wh' }, sources: { stages: ['uat'] } }] });
    const f = unwrap(markFreightVerifiedIn(fresh(), 'uat', { verifiedAt: NOW }));
    expect(isFreightAvailable(prod, f, { now: NOW })).toBe(true);
    const after = forgetStageInFreight(f, 'uat');
    expect(after.status.verifiedIn).toEqual({});
    expect(isFreightAvailable(prod, after, { now: NOW })).toBe(false);
    expect(forgetStageInFreight(after, 'uat')).toBe(after);
  });

  it('treats soak requirements as Kargo does', () => {
    const f = fresh();
    expect(hasSoakedIn(f, 'dev', undefined, { now: NOW })).toBe(true);
    expect(hasSoakedIn(f, 'dev', '0s', { now: NOW })).toBe(true);
    expect(hasSoakedIn(f, 'dev', 0, { now: NOW })).toBe(true);
    expect(hasSoakedIn(f, 'dev', '1m', { now: NOW })).toBe(false);
    expect(hasSoakedIn(f, 'dev', '1 minute', { now: NOW })).toBe(false);
  });

  it('counts no current residency when now cannot be read', () => {
    const f = deepFreeze(freightRes({ name: 'f', origin: { kind: 'Warehouse', name: 'wh' }, status: { verifiedIn: { dev: { longestSoak: '5m' } }, currentlyIn: { dev: { since: '2025-01-01T00:00:00Z' } } } }));
    expect(longestSoak(f, 'dev', { now: 'not a time' })).toBe(300_000);
  });
});
