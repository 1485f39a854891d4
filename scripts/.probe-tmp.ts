import { measureCorpus, readCorpus } from './fidelity-table.js';
const t0 = performance.now();
const files = readCorpus('test/fixtures/corpus', ['values', 'charts', 'kustomize']);
const t1 = performance.now();
const r = measureCorpus(files);
const t2 = performance.now();
console.log('read', t1 - t0, 'measure', t2 - t1);
const tally: Record<string, Record<string, number>> = {};
for (const f of r) for (const [m, os] of Object.entries(f.outcomes)) for (const o of os) {
  tally[m] ??= {}; const key = o.verdict + (o.problem ? ':' + o.problem.slice(0, 40) : '') + (o.targetLineKept ? '' : ' lineLost');
  tally[m][key] = (tally[m][key] ?? 0) + 1;
}
console.log(JSON.stringify(tally, null, 1));
for (const f of r) for (const o of f.outcomes.waybill) if (o.verdict !== 'kept') console.log('WB', f.name, o);
let big = 0; for (const f of r) for (const o of f.outcomes.roundTrip) big = Math.max(big, o.otherLines); console.log('max rt', big);
