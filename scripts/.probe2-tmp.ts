import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { chooseEdits } from './fidelity-table.js';
import { updateYaml } from '../src/index.js';
const text = readFileSync(process.argv[2]!, 'utf8');
const edits = chooseEdits(parseDocument(text));
console.log(edits);
for (const e of edits) { const r = updateYaml(text, [{ key: e.key, value: e.to }]); console.log(r.ok ? r.value.text : r.issues); }
