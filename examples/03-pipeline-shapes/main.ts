/**
 * Three shapes of promotion graph, read with waybill: fan-out (test feeds uat-east and uat-west),
 * fan-in (prod waits for both, with a soak time) and a Stage with two origins (prod also takes
 * configuration straight from Git). Prints the graph, the promotion order, and why the image
 * Freight is not yet available to prod. Run it with `npx tsx examples/03-pipeline-shapes/main.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// In your own project: from 'waybill'.
import {
  formatIssues,
  parseManifests,
  resourcesOfKind,
  type ManifestResource,
  buildStageGraph,
  explainAvailability,
  findDownstreamStages,
  listAvailableFreight,
  rootStages,
  toMermaid,
  topologicalOrder,
  type Explanation,
} from '../../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

const resources: ManifestResource[] = [];
for (const file of files) {
  const text = readFileSync(here + file, 'utf8');
  const result = parseManifests(text, { file });
  if (result.issues.length > 0) console.log(formatIssues(result.issues, { sources: { [file]: text } }));
  if (result.ok) resources.push(...result.value);
}
console.log(`Parsed ${resources.length} resources from ${files.length} files.`);

const stages = resourcesOfKind(resources, 'Stage');
const freight = resourcesOfKind(resources, 'Freight');
const graph = buildStageGraph({ stages, warehouses: resourcesOfKind(resources, 'Warehouse') });
// Warnings (cycles, unknown or unreachable Stages...) do not stop the graph from being built.
if (graph.issues.length > 0) console.log(formatIssues(graph.issues));
if (!graph.ok) {
  process.exitCode = 1;
} else {
  console.log('\nPromotion graph (paste into https://mermaid.live):');
  console.log(toMermaid(graph.value));

  const order = topologicalOrder(graph.value);
  console.log(`Promotion order: ${order.stages.join(', ')}`);
  console.log(`Entry Stages: ${rootStages(graph.value).join(', ')}`);
  console.log(`Promoting downstream from test offers: ${findDownstreamStages(graph.value, 'test', 'app').join(', ')}`);
}

const prod = stages.find((s) => s.metadata.name === 'prod');
const image = freight.find((f) => f.origin.name === 'app');
if (prod !== undefined && image !== undefined) {
  let now: Date | undefined = new Date('2025-06-02T12:00:00Z');
  while (now !== undefined) {
    const explanation = explainAvailability(prod, image, { now });
    printExplanation(explanation, now);
    const available = listAvailableFreight(prod, freight, { now }).map((f) => `${f.alias ?? f.metadata.name} (${f.origin.name})`);
    console.log(`  Freight auto-promotion may choose from for prod: ${available.join(', ') || 'none'}`);
    // Ask again when time alone changes the answer: the soak in uat-west completes.
    now = explanation.nextChange;
  }
}

function printExplanation(e: Explanation, at: Date): void {
  console.log(`\nAt ${at.toISOString()}, is ${e.freight.slice(0, 7)} (${e.origin}) available to ${e.stage}? ${e.available ? 'yes' : 'no'}`);
  for (const reason of e.reasons) console.log(`  ${reason.effect.padEnd(6)} ${reason.kind}: ${reason.message}`);
  if (e.nextChange !== undefined) console.log(`  next change: ${e.nextChange.toISOString()}`);
}
