import { describe, expect, it } from 'vitest';
import { splitKey } from '../../../src/mutation/index.js';

const parts = (key: string) => {
  const r = splitKey(key);
  return r.ok ? r.value.map((p) => (p.mapKey ? `:${p.text}` : p.text)) : r.issues.map((i) => i.code);
};

describe('splitKey', () => {
  it('splits on dots and trims the key', () => {
    expect(parts('  a.b.0  ')).toEqual(['a', 'b', '0']);
  });
  it('reads \\. and \\: as literal characters', () => {
    expect(parts('annotations.example\\.com/tag')).toEqual(['annotations', 'example.com/tag']);
    expect(parts('a\\:b')).toEqual(['a:b']);
  });
  it('marks a part opened by ":" as a map key and drops the colon', () => {
    expect(parts('root.:0')).toEqual(['root', ':0']);
  });
  it('drops a lone trailing backslash', () => {
    expect(parts('a\\')).toEqual(['a']);
  });
  it.each(['', '   ', 'a..b', '.a', 'a.', 'a\\b', 'a:b', 'a.b:c'])('refuses %j', (key) => {
    expect(parts(key)).toEqual(['YAML_INVALID_KEY']);
  });
});
