import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateJson } from '../../src/mutation/index.js';

interface JsonCase {
  name: string;
  input: string;
  updates: { key: string; value: unknown }[];
  expected: { output?: string; error?: string; errorContains?: string };
}

const file = JSON.parse(readFileSync(new URL('../fixtures/mutation/json_update.json', import.meta.url), 'utf8')) as { cases: JsonCase[] };

describe('json-update vectors', () => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = updateJson(c.input, c.updates);
    if (c.expected.output === undefined) {
      expect(r.ok).toBe(false);
      if (!r.ok && c.expected.errorContains?.includes('scalar')) expect(r.issues[0]?.code).toBe('JSON_VALUE_NOT_SCALAR');
    } else {
      expect(r.ok && r.value.text).toBe(c.expected.output);
    }
  });
});
