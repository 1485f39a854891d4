import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { updateYaml } from '../../src/mutation/index.js';

interface YamlCase {
  name: string;
  input: string;
  updates: { key: string; value: unknown }[];
  document?: number;
  expected: { output?: string; error?: string };
}

const file = JSON.parse(readFileSync(new URL('../fixtures/mutation/yaml_update.json', import.meta.url), 'utf8')) as { cases: YamlCase[] };

describe('yaml-update vectors', () => {
  it.each(file.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = updateYaml(c.input, c.updates, c.document !== undefined ? { document: c.document } : undefined);
    if (c.expected.error !== undefined) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.code)).toContain(c.expected.error);
    } else {
      expect(r.ok && r.value.text).toBe(c.expected.output);
    }
  });
});
