import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { renderTomlValue, updateToml } from '../../../src/mutation/index.js';
import { indexToml } from '../../../src/mutation/toml-index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/toml/${name}`, import.meta.url), 'utf8');

interface VectorCase {
  name: string;
  input: string;
  updates: { key: string; value: unknown }[];
  expected: { output?: string; errorContains?: string };
}
const vectors = JSON.parse(fixture('toml_update.json')) as { cases: VectorCase[] };

describe('updateToml: Kargo vectors', () => {
  for (const c of vectors.cases) {
    it(c.name, () => {
      const result = updateToml(c.input, c.updates);
      if (c.expected.output !== undefined) {
        expect(result.ok ? result.value.text : result.issues).toBe(c.expected.output);
      } else {
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.issues.map((i) => i.message).join('\n')).toContain(c.expected.errorContains);
      }
    });
  }
});

describe('updateToml: real files', () => {
  it('bumps a Cargo.toml version and keeps everything else byte for byte', () => {
    const text = fixture('Cargo.toml');
    const r = updateToml(text, [{ key: 'package.version', value: '0.15.0' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toBe(text.replace('version = "0.14.2" # bumped', "version = '0.15.0' # bumped"));
    expect(r.value.changes).toEqual([{ op: 'replace', path: ['package', 'version'], key: 'package.version', from: '0.14.2', value: '0.15.0', line: 4, column: 11 }]);
  });

  it('reaches inline tables, quoted keys, arrays and array tables in a Cargo.toml', () => {
    const text = fixture('Cargo.toml');
    const r = updateToml(text, [
      { key: 'dependencies.serde.version', value: '1.0.200' },
      { key: 'dependencies.tower-http.features.1', value: 'compression' },
      { key: 'bin.1.path', value: 'src/bin/worker.rs' },
      { key: 'profile.release.opt-level', value: 2 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const data = parse(r.value.text) as Record<string, any>;
    expect(data['dependencies'].serde).toEqual({ version: '1.0.200', features: ['derive'] });
    expect(data['dependencies']['tower-http'].features).toEqual(['trace', 'compression']);
    expect(data['bin'][1]).toEqual({ name: 'orders-worker', path: 'src/bin/worker.rs' });
    expect(data['profile'].release['opt-level']).toBe(2);
    expect(r.value.text).toContain('"tower-http" = { version = "0.5", features = ["trace", \'compression\'] }');
  });

  it('edits pyproject.toml values next to comments and inside multi-line arrays', () => {
    const text = fixture('pyproject.toml');
    const r = updateToml(text, [
      { key: 'project.version', value: '2.4.0' },
      { key: 'project.dependencies.0', value: 'httpx>=0.28' },
      { key: 'tool.pytest.ini_options.timeout', value: 45 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain(`  'httpx>=0.28',   # HTTP client\n`);
    expect(r.value.text).toContain(`version = '2.4.0'\n`);
    // The value it replaces is a float, so an integral number stays a float.
    expect(r.value.text).toContain('timeout = 45.0\n');
  });

  it('numbers sub-tables and nested array tables under the item they belong to', () => {
    const text = fixture('app-config.toml');
    const r = updateToml(text, [
      { key: 'upstreams.0.retry.attempts', value: 5 },
      { key: 'upstreams.1.routes.1.path', value: '/hold' },
      { key: 'image.tag', value: 'v1.9.0' },
      { key: 'upstreams.0.weights.2', value: 4 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const data = parse(r.value.text) as Record<string, any>;
    expect(data['upstreams'][0].retry.attempts).toBe(5);
    expect(data['upstreams'][1].routes).toEqual([{ path: '/stock' }, { path: '/hold' }]);
    expect(data['image'].tag).toBe('v1.9.0');
    expect(r.value.text).toContain('weights = [ 1, 2, 4 ]\n');
  });

  it('replaces dates and times with a Date as RFC 3339', () => {
    const text = fixture('app-config.toml');
    const r = updateToml(text, [
      { key: 'server.started', value: new Date('2024-02-03T04:05:06Z') },
      { key: 'server.maintenance_window', value: new Date('2024-02-03T04:05:06.250Z') },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain('started = 2024-02-03T04:05:06Z\n');
    expect(r.value.text).toContain('maintenance_window = 2024-02-03T04:05:06.25Z\n');
  });

  it('keeps CRLF line endings', () => {
    const r = updateToml(fixture('crlf.toml'), [{ key: 'package.version', value: '1.1.0' }]);
    expect(r.ok && r.value.text).toBe("[package]\r\nname = \"crlf\"\r\nversion = '1.1.0'\r\n");
  });
});

describe('updateToml: Kargo spellings of array-table paths', () => {
  const text = '[[fruits]]\nname = "apple"\n[fruits.physical]\ncolor = "red"\n[[fruits.varieties]]\nname = "red delicious"\n\n[[fruits]]\nname = "banana"\n[[fruits.varieties]]\nname = "plantain"\n';

  it('finds values by their data path', () => {
    const r = updateToml(text, [{ key: 'fruits.0.physical.color', value: 'green' }, { key: 'fruits.1.varieties.0.name', value: 'cavendish' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(parse(r.value.text)).toEqual({ fruits: [{ name: 'apple', physical: { color: 'green' }, varieties: [{ name: 'red delicious' }] }, { name: 'banana', varieties: [{ name: 'cavendish' }] }] });
    expect(r.value.changes.map((c) => c.path)).toEqual([['fruits', 0, 'physical', 'color'], ['fruits', 1, 'varieties', 0, 'name']]);
  });

  it('also finds them by the path Kargo gives them (no item index for sub-tables, one count per header)', () => {
    const r = updateToml(text, [{ key: 'fruits.physical.color', value: 'green' }, { key: 'fruits.varieties.1.name', value: 'cavendish' }]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text).toContain("color = 'green'");
    expect(r.value.text).toContain("name = 'cavendish'");
    expect(r.value.changes.map((c) => c.path)).toEqual([['fruits', 0, 'physical', 'color'], ['fruits', 1, 'varieties', 0, 'name']]);
    const table = updateToml(text, [{ key: 'fruits.varieties', value: 1 }]);
    expect(!table.ok && table.issues[0]?.message).toContain('addresses ArrayTable');
  });
});

describe('updateToml: errors', () => {
  it('names the kind of a non-scalar target, with its position', () => {
    const text = fixture('app-config.toml');
    const cases: [string, string][] = [
      ['server', 'Table'],
      ['upstreams', 'ArrayTable'],
      ['upstreams.1', 'ArrayTable'],
      ['upstreams.0.weights', 'Array'],
      ['image', 'Table'],
    ];
    for (const [key, kind] of cases) {
      const r = updateToml(text, [{ key, value: 'x' }]);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0]?.code).toBe('TOML_NOT_A_SCALAR');
      expect(r.issues[0]?.message).toContain(`addresses ${kind} instead of a scalar node`);
      expect(r.issues[0]?.line).toBeGreaterThan(0);
    }
    const inline = updateToml('svc = { a = 1 }\n', [{ key: 'svc', value: 1 }]);
    expect(!inline.ok && inline.issues[0]?.message).toContain('addresses InlineTable');
  });

  it('reports every failing update at once and returns no text', () => {
    const r = updateToml('a = 1\n[t]\nb = 2\n', [
      { key: 'a.x', value: 1 },
      { key: 'missing', value: 1 },
      { key: 't.b', value: null },
      { key: 't.b', value: { nested: true } },
      { key: 'bad..key', value: 1 },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.code)).toEqual(['TOML_KEY_NOT_FOUND', 'TOML_KEY_NOT_FOUND', 'TOML_UNSUPPORTED_VALUE', 'TOML_UNSUPPORTED_VALUE', 'TOML_INVALID_KEY']);
    expect(r.issues[2]).toMatchObject({ line: 3, column: 5, path: ['t', 'b'] });
  });

  it('gives a positioned parse issue for broken or duplicate TOML', () => {
    for (const text of ['a = \n', 'a = 1\na = 2\n', '[t]\n[t]\n', 'a = "unclosed\n', 'a = [1, 2\n']) {
      const r = updateToml(text, [{ key: 'a', value: 1 }]);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues[0]?.code).toBe('TOML_PARSE');
      expect(r.issues[0]?.line).toBeGreaterThan(0);
    }
  });

  it('does not take an index for a table key or a missing array item', () => {
    const r = updateToml('v = [1, 2]\n', [{ key: 'v.2', value: 3 }, { key: 'v.01', value: 3 }]);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(['TOML_KEY_NOT_FOUND', 'TOML_KEY_NOT_FOUND']);
  });
});

describe('updateToml: edge syntax', () => {
  it('handles literal, multi-line and escaped strings, dotted keys with spaces and numbers of every form', () => {
    const text = [
      "lit = 'C:\\path'",
      'ml = """',
      'a "quoted" line \\',
      '  continued"""',
      "mll = '''x''''",
      'esc = "tab\\tq\\"\\u00e9"',
      'a . "b.c" . d = 1 # dotted',
      'hex = 0xDEAD_beef',
      'flt = -1_000.5e-3',
      'inf = -inf',
      'last = true',
    ].join('\n');
    const idx = indexToml(text);
    expect(idx.ok).toBe(true);
    const r = updateToml(text, [
      { key: 'a.b\\.c.d', value: 2 },
      { key: 'hex', value: 1 },
      { key: 'flt', value: 0.5 },
      { key: 'inf', value: Number.POSITIVE_INFINITY },
      { key: 'last', value: false },
      { key: 'mll', value: "it's" },
      { key: 'ml', value: 'one' },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.text.split('\n')).toEqual([
      "lit = 'C:\\path'",
      "ml = 'one'",
      "mll = \"it's\"",
      'esc = "tab\\tq\\"\\u00e9"',
      'a . "b.c" . d = 2 # dotted',
      'hex = 1',
      'flt = 0.5',
      'inf = inf',
      'last = false',
    ]);
  });

  it('leaves the text identical when a value is written as it already is', () => {
    const text = "name = 'same' # c\nn = 3\n";
    const r = updateToml(text, [{ key: 'name', value: 'same' }, { key: 'n', value: 3 }]);
    expect(r.ok && r.value.text).toBe(text);
  });

  it('lets the last of two updates of one value win', () => {
    const r = updateToml('a = 1\n', [{ key: 'a', value: 2 }, { key: 'a', value: 3 }]);
    expect(r.ok && r.value.text).toBe('a = 3\n');
    expect(r.ok && r.value.changes.length).toBe(1);
  });
});

describe('renderTomlValue', () => {
  it('writes values as go-toml/v2 does', () => {
    expect(renderTomlValue('plain')).toBe("'plain'");
    expect(renderTomlValue('')).toBe("''");
    expect(renderTomlValue("it's")).toBe('"it\'s"');
    expect(renderTomlValue('a\nb\t"c"\\')).toBe('"a\\nb\\t\\"c\\"\\\\"');
    expect(renderTomlValue('tab\tok')).toBe("'tab\tok'");
    expect(renderTomlValue('\u0001\u007f')).toBe('"\\u0001\\u007F"');
    expect(renderTomlValue('ünïcode')).toBe("'ünïcode'");
    expect(renderTomlValue(42)).toBe('42');
    expect(renderTomlValue(42, 'Float')).toBe('42.0');
    expect(renderTomlValue(1.5)).toBe('1.5');
    expect(renderTomlValue(1e-7)).toBe('0.0000001');
    expect(renderTomlValue(1.5e-10)).toBe('0.00000000015');
    expect(renderTomlValue(1e21)).toBe('1000000000000000000000.0');
    expect(renderTomlValue(Number.NaN)).toBe('nan');
    expect(renderTomlValue(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(renderTomlValue(9007199254740993n)).toBe('9007199254740993');
    expect(renderTomlValue(2n ** 63n)).toBeUndefined();
    expect(renderTomlValue(true)).toBe('true');
    expect(renderTomlValue(null)).toBeUndefined();
    expect(renderTomlValue([1])).toBeUndefined();
    expect(renderTomlValue({})).toBeUndefined();
    expect(renderTomlValue(new Date('2024-01-02T03:04:05.100Z'))).toBe('2024-01-02T03:04:05.1Z');
    expect(renderTomlValue(new Date(Number.NaN))).toBeUndefined();
  });
});
