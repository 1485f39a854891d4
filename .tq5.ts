import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { updateYaml, toJsonPatch } from './src/mutation/index.js';
const text = readFileSync('test/fixtures/corpus/values/grafana__helm-charts__charts__enterprise-logs__values.yaml','utf8');
const r = updateYaml(text, [{key:'image.tag', value: 'x'}]);
console.log(r.ok && r.value.changes, JSON.stringify(parseDocument(text).toJS().image));
