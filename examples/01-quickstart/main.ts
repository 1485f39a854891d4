/**
 * The Kargo quickstart project, read with waybill: parse the manifests in this folder, list the
 * resources, and draw the promotion graph. Run it with `npx tsx examples/01-quickstart/main.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// In your own project: from 'waybill'.
import { buildStageGraph, formatIssues, parseManifests, resourcesOfKind, toMermaid, type ManifestResource } from '../../src/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(here)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

const resources: ManifestResource[] = [];
for (const file of files) {
  const text = readFileSync(here + file, 'utf8');
  const result = parseManifests(text, { file });
  // Problems are data: print them with the offending line and carry on with the other files.
  if (result.issues.length > 0) console.log(formatIssues(result.issues, { sources: { [file]: text } }));
  if (result.ok) resources.push(...result.value);
}

console.log(`Parsed ${resources.length} resources from ${files.length} files:`);
for (const r of resources) {
  const namespace = r.metadata?.namespace;
  console.log(`  ${r.kind.padEnd(13)} ${namespace ? `${namespace}/` : ''}${r.metadata?.name ?? ''}`);
}

const stages = resourcesOfKind(resources, 'Stage');
const warehouses = resourcesOfKind(resources, 'Warehouse');
const graph = buildStageGraph({ stages, warehouses });
if (!graph.ok) {
  console.log(formatIssues(graph.issues));
  process.exitCode = 1;
} else {
  console.log('\nPromotion graph (paste into https://mermaid.live):');
  console.log(toMermaid(graph.value));
}
