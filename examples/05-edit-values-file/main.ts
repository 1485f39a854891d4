/**
 * Editing a Helm values file the way Kargo's `yaml-update` step does: set `image.tag` (and, to
 * show what else works, the replica count and one item of a list) with `updateYaml`, then print
 * the changes and a unified diff. Only the values' bytes change: comments, quotes, blank lines
 * and flow collections stay as they were. Run it with `npx tsx examples/05-edit-values-file/main.ts`.
 */
import { readFileSync } from 'node:fs';
// In your own project: from 'waybill'.
import { formatIssues, renderDiff, toJsonPatch, updateYaml } from '../../src/index.js';

const file = 'values.yaml';
const before = readFileSync(new URL(file, import.meta.url), 'utf8');

// Keys use Kargo's syntax: dots between keys, numbers for list items.
const edited = updateYaml(before, [
  { key: 'image.tag', value: '1.3.0' },
  { key: 'replicaCount', value: 3 },
  { key: 'ingress.hosts.0', value: 'guestbook.example.com' },
]);
if (!edited.ok) {
  // A missing key or a key that walks into a scalar is an issue with a code, never an exception.
  console.log(formatIssues(edited.issues, { sources: { [file]: before } }));
  process.exit(1);
}

console.log('Changes:');
for (const change of edited.value.changes) {
  console.log(`  ${change.op} ${change.key ?? ''} (line ${change.line ?? '?'}): ${JSON.stringify(change.from)} -> ${JSON.stringify(change.value)}`);
}
// The "1.2.0" was quoted, so 1.3.0 is written quoted too; 3 stays a number.
console.log(`\n${renderDiff(before, edited.value.text, { file })}`);

// The same changes as an RFC 6902 JSON Patch, for tools that speak it.
console.log('As a JSON Patch:', JSON.stringify(toJsonPatch(edited.value.changes)));

// Asking for a key that is not there is refused with an issue; `create: true` would add it.
const missing = updateYaml(before, [{ key: 'image.digest', value: 'sha256:0123' }]);
console.log(`\nSetting image.digest without create: ${missing.ok ? 'ok' : missing.issues.map((i) => i.code).join(', ')}`);
const created = updateYaml(before, [{ key: 'image.digest', value: 'sha256:0123' }], { create: true });
if (created.ok) console.log(renderDiff(before, created.value.text, { file, context: 1 }));
