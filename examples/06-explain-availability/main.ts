/**
 * Why can't I promote this Freight to uat yet? `explainAvailability` answers with the facts that
 * decided, in order, and the time the answer changes on its own. This example walks one Freight
 * through the life Kargo gives it (promoted to test, verified there, soaking, approved) and asks
 * the question after each event. The Freight's status is updated with the same pure functions a
 * controller uses. Run it with `npx tsx examples/06-explain-availability/main.ts`.
 */
import { readFileSync } from 'node:fs';
// In your own project: from 'waybill'.
import {
  approveFreight,
  explainAvailability,
  markFreightCurrentIn,
  markFreightVerifiedIn,
  parseManifests,
  resourcesOfKind,
  unwrap,
  type ManifestResource,
} from '../../src/index.js';

const load = (file: string): ManifestResource[] => unwrap(parseManifests(readFileSync(new URL(file, import.meta.url), 'utf8'), { file }));
const stages = resourcesOfKind(load('stages.yaml'), 'Stage');
const uat = stages.find((s) => s.metadata.name === 'uat');
let freight = resourcesOfKind(load('freight.yaml'), 'Freight')[0];
if (uat === undefined || freight === undefined) throw new Error('the example manifests are incomplete');

/** Asks the question at `now` and prints the answer with its reasons. */
function ask(event: string, now: string, about = freight!): void {
  const answer = explainAvailability(uat!, about, { now });
  console.log(`${now}  ${event}`);
  console.log(`  available to ${answer.stage}? ${answer.available ? 'yes' : 'no'}`);
  for (const reason of answer.reasons) console.log(`    ${reason.effect.padEnd(6)} ${reason.kind}: ${reason.message}`);
  // nextChange is set when only the passing of time is needed: a soak that will complete.
  if (answer.nextChange !== undefined) console.log(`  without anything else happening, the answer changes at ${answer.nextChange.toISOString()}`);
  console.log();
}

ask('discovered; not promoted anywhere yet', '2026-04-01T09:00:00Z');

// Promoted to test: the Freight is now current there (Kargo's status.currentlyIn).
freight = unwrap(markFreightCurrentIn(freight, 'test', { now: '2026-04-01T09:05:00Z' }));
ask('promoted to test; its verification is running', '2026-04-01T09:06:00Z');

// Verification in test succeeded: the soak in test counts from when it arrived there.
freight = unwrap(markFreightVerifiedIn(freight, 'test', { verifiedAt: '2026-04-01T09:10:00Z' }));
ask('verified in test', '2026-04-01T09:30:00Z');

const verified = freight;

// Someone approves it for uat: approval overrides verification and soak.
freight = unwrap(approveFreight(uat, freight, { now: '2026-04-01T09:40:00Z' }));
ask('approved for uat by a person', '2026-04-01T09:40:00Z');

// Had nobody approved it, time alone would have made it available when the soak completed.
ask('(without the approval) the hour in test is over', '2026-04-01T10:05:00Z', verified);
