import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SharedState } from '../../src/promotion/shared-state.js';
import { StepLedger, writeStepRecord } from '../../src/promotion/step-ledger.js';
import { hasStepFailures, splitStepAlias, taskOutputsOf } from '../../src/expressions/index.js';
import type { StepStatus } from '../../src/promotion/index.js';

const keyArb = fc.constantFrom('a', 'b', 't::a', 't::b', 'u::a', 'x::y::z', '::a', 'c');
const statusArb = fc.constantFrom<StepStatus>('Succeeded', 'Skipped', 'Running', 'Aborted', 'Failed', 'Errored');

describe('SharedState', () => {
  it('materializes every version as the map was then, and keeps task outputs as a full scan finds them', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keyArb, fc.integer()), { maxLength: 30 }), (writes) => {
        const state = new SharedState();
        const expected: Record<string, unknown>[] = [];
        const versions: number[] = [];
        const reference: Record<string, unknown> = {};
        for (const [key, value] of writes) {
          state.set(key, { value });
          reference[key] = { value };
          expected.push({ ...reference });
          versions.push(state.version());
          for (const alias of ['t::q', 'u::q', 'q', 'x::y::q']) expect(state.taskOutputs(alias)).toEqual(taskOutputsOf(alias, reference));
        }
        versions.forEach((v, i) => {
          expect(state.materialize(v)).toEqual(expected[i]);
          expect(Object.keys(state.materialize(v))).toEqual(Object.keys(expected[i] as object));
        });
        expect(state.live).toEqual(reference);
      }),
    );
  });
});

type Op = { kind: 'record'; alias: string; continueOnError: boolean } | { kind: 'status'; pick: number; status: StepStatus; message: string } | { kind: 'start' | 'finish' | 'error'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), alias: keyArb, continueOnError: fc.boolean() }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: statusArb, message: fc.constantFrom('', 'm') }),
  fc.record({ kind: fc.constantFrom('start' as const, 'finish' as const, 'error' as const), pick: fc.nat() }),
);

describe('StepLedger', () => {
  it('answers as a scan of its records would, and materializes every version as the records were then', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const ledger = new StepLedger();
        const snapshots: { version: number; records: unknown[] }[] = [];
        for (const op of ops) {
          const list = ledger.list();
          if (op.kind === 'record') ledger.recordFor(op.alias, op.continueOnError);
          else if (list.length > 0) {
            const record = list[op.pick % list.length];
            if (record === undefined) continue;
            if (op.kind === 'status') ledger.setStatus(record, op.status, op.message);
            else if (op.kind === 'start') ledger.start(record, '2026-01-01T00:00:00Z');
            else if (op.kind === 'finish') ledger.finish(record, '2026-01-01T00:01:00Z');
            else ledger.countError(record);
          }
          const records = ledger.list();
          expect(ledger.hasFailures()).toBe(hasStepFailures(records));
          for (const scope of ['', 't', 'u']) {
            for (const short of ['a', 'b', 'x::y::z', 'c']) {
              const found = records.find((r) => splitStepAlias(r.alias).namespace === scope && splitStepAlias(r.alias).short === short);
              expect(ledger.statusIn(scope, short)).toBe(found === undefined ? undefined : (found.status ?? ''));
            }
          }
          snapshots.push({ version: ledger.version(), records: records.map(writeStepRecord) });
        }
        for (const { version, records } of snapshots) expect(ledger.materialize(version)).toEqual(records);
      }),
    );
  });
});
