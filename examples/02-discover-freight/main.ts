/**
 * Artifact discovery with waybill: read a Warehouse, discover the newest image, commit and chart
 * through in-memory ports, and build the Freight Kargo would create from them. Run it with
 * `npx tsx examples/02-discover-freight/main.ts`.
 *
 * In your own project, import these names from 'waybill' (and the adapters from
 * 'waybill/adapters/memory') instead of the source files; use the real adapters to talk to real
 * registries, Git servers and chart repositories.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { createMemoryChartRepository, createMemoryGit, createMemoryRegistry } from '../../src/adapters/memory/index.js';
import { discover, type DiscoveredArtifactsStatus } from '../../src/discovery/index.js';
import { formatIssues } from '../../src/errors/index.js';
import { createFreight } from '../../src/freight/index.js';
import { parseManifests, resourcesOfKind } from '../../src/model/index.js';
import type { Result } from '../../src/result.js';

const file = 'warehouse.yaml';
const text = readFileSync(new URL(file, import.meta.url), 'utf8');
const parsed = parseManifests(text, { file });
if (!parsed.ok) {
  console.log(formatIssues(parsed.issues, { sources: { [file]: text } }));
  process.exit(1);
}
const [warehouse] = resourcesOfKind(parsed.value, 'Warehouse');
if (warehouse === undefined) throw new Error(`${file} holds no Warehouse`);

// What the outside world holds. Images get explicit digests so the output is easy to read; the
// memory adapters would otherwise derive stable ones from the content.
const registry = createMemoryRegistry();
const image = 'ghcr.io/acme/guestbook';
const both = [
  { os: 'linux', arch: 'amd64' },
  { os: 'linux', arch: 'arm64' },
];
registry.push(image, { tag: '0.9.0', digest: 'sha256:' + '09'.repeat(32), platforms: both });
registry.push(image, { tag: '1.0.0', digest: 'sha256:' + '10'.repeat(32), platforms: both, createdAt: '2026-03-01T09:00:00Z' });
registry.push(image, { tag: '1.1.0', digest: 'sha256:' + '11'.repeat(32), platforms: both, createdAt: '2026-04-01T09:00:00Z' });
registry.push(image, { tag: '1.2.0', digest: 'sha256:' + '12'.repeat(32), platforms: [{ os: 'linux', arch: 'amd64' }], createdAt: '2026-05-01T09:00:00Z' });
registry.push(image, { tag: '2.0.0-rc.1', digest: 'sha256:' + '20'.repeat(32), platforms: both });
registry.push(image, { tag: 'latest', digest: 'sha256:' + '12'.repeat(32), platforms: both });

const git = createMemoryGit();
const repo = 'https://github.com/acme/guestbook-config.git';
const author = 'Dana Ops <dana@example.com>';
git.commit(repo, { id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', subject: 'Add the guestbook', author, date: '2026-05-02T10:00:00Z', paths: ['envs/dev/values.yaml'] });
git.commit(repo, { id: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890', subject: 'Raise replicas in prod', author, date: '2026-05-03T10:00:00Z', paths: ['envs/prod/values.yaml'] });
git.commit(repo, { id: 'c3d4e5f60718293a4b5c6d7e8f90123456789012', subject: 'Document the environments', author, date: '2026-05-04T10:00:00Z', paths: ['envs/README.md'] });
git.commit(repo, { id: 'd4e5f60718293a4b5c6d7e8f9012345678901234', subject: 'Update CI', author, date: '2026-05-05T10:00:00Z', paths: ['.github/workflows/ci.yaml'] });

const charts = createMemoryChartRepository();
for (const version of ['0.2.9', '0.3.0', '0.3.1', '0.4.0']) charts.push('https://charts.example.com', { name: 'guestbook', version });

const ports = { registry, git, charts };

function report(result: Result<DiscoveredArtifactsStatus>): DiscoveredArtifactsStatus {
  if (!result.ok) {
    console.log(formatIssues(result.issues));
    process.exit(1);
  }
  return result.value;
}

const discovered = report(await discover(warehouse, ports, { now: '2026-05-06T08:00:00Z' }));
console.log(`Discovered for Warehouse ${warehouse.metadata.namespace}/${warehouse.metadata.name} at ${discovered.discoveredAt}:`);
for (const i of discovered.images ?? []) console.log(`  image ${i.repoURL} (${i.platform ?? 'any platform'}): ${i.references.map((r) => r.tag).join(', ')}`);
for (const g of discovered.git ?? []) console.log(`  git   ${g.repoURL} [${g.subscriptionName ?? ''}]: ${g.commits.map((c) => `${c.id.slice(0, 7)} "${c.subject}"`).join(', ')}`);
for (const c of discovered.charts ?? []) console.log(`  chart ${c.repoURL} ${c.name ?? ''}: ${c.versions.join(', ')}`);

const freight = createFreight(warehouse, discovered, { now: discovered.discoveredAt ?? '2026-05-06T08:00:00Z' });
if (!freight.ok) {
  console.log(formatIssues(freight.issues));
  process.exit(1);
}
console.log('\nThe Freight built from the newest of each (its name is its content id):\n');
console.log(stringify(freight.value).trimEnd());

// Freight is content-addressed: nothing new gives the same name, a new release a new one.
const again = createFreight(warehouse, report(await discover(warehouse, ports, { now: '2026-05-06T08:05:00Z' })), { now: '2026-05-06T08:05:00Z' });
console.log(`\nDiscovering again with nothing new gives the same Freight: ${again.ok && again.value.metadata.name === freight.value.metadata.name}`);
registry.push(image, { tag: '1.3.0', digest: 'sha256:' + '13'.repeat(32), platforms: both });
const next = createFreight(warehouse, report(await discover(warehouse, ports, { now: '2026-05-06T08:10:00Z' })), { now: '2026-05-06T08:10:00Z' });
if (next.ok) console.log(`After guestbook 1.3.0 is pushed: Freight ${next.value.metadata.name} (${next.value.alias}) with image ${next.value.images?.[0]?.tag}`);
