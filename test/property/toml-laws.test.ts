import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse, stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { updateToml } from '../../src/mutation/index.js';
import { encodeTomlPath, indexToml, TOML_SCALAR_KINDS, type TomlIndex } from '../../src/mutation/toml-index.js';

const readData = (text: string): unknown => parse(text, { integersAsBigInt: 'asNeeded' });

/** Every path to a leaf of parsed TOML data: strings, numbers, booleans and dates. */
function leafPaths(value: unknown, path: string[] = []): string[][] {
  if (value instanceof Date) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, String(i)]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function scalarPathsOf(index: TomlIndex): string[][] {
  return [...index.nodes.values()].filter((n) => TOML_SCALAR_KINDS.has(n.kind)).map((n) => [...n.path]);
}

const keyOf = (path: readonly string[]): string => path.map((p) => p.replace(/([.:])/g, '\\$1')).join('.');

function setAt(data: unknown, path: readonly string[], value: unknown): void {
  let current = data as Record<string, unknown>;
  for (const part of path.slice(0, -1)) current = current[part] as Record<string, unknown>;
  current[path[path.length - 1] as string] = value;
}

/** The value a TOML reader gives back for what was written. */
function readBack(value: unknown): unknown {
  if (typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value;
}

/** Laws 1-4 of a value edit, for one scalar path of a text. */
function checkLaws(text: string, path: readonly string[], value: unknown): void {
  const index = indexToml(text);
  expect(index.ok).toBe(true);
  if (!index.ok) return;
  const node = index.value.nodes.get(encodeTomlPath(path));
  expect(node).toBeDefined();
  if (node === undefined) return;
  const key = keyOf(path);
  const result = updateToml(text, [{ key, value }]);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const out = result.value.text;
  // 1. parse(output) is parse(input) with the update applied.
  const expected = readData(text);
  setAt(expected, path, readBack(value));
  expect(readData(out)).toEqual(expected);
  // 2. outside the replaced token, not one byte changes.
  expect(out.slice(0, node.start)).toBe(text.slice(0, node.start));
  expect(out.slice(out.length - (text.length - node.end))).toBe(text.slice(node.end));
  // 3. applying it again changes nothing.
  const again = updateToml(out, [{ key, value }]);
  expect(again.ok && again.value.text).toBe(out);
  // 4. writing a value as it already is leaves the text identical.
  const token = text.slice(node.start, node.end);
  const same = updateToml(out.slice(0, node.start) + token + out.slice(out.length - (text.length - node.end)), [{ key, value }]);
  expect(same.ok && same.value.text).toBe(out);
}

// Values to write: strings with quotes, escapes, tabs, control characters and non-ASCII text,
// numbers of every size, bigints within int64, booleans.
const stringValue = fc.string({ unit: fc.constantFrom(...'ab Z0.:\'"\\\n\r\t#=[]{}\u0001\u007fé😀'.split('')), maxLength: 12 });
const tomlValue = fc.oneof(
  stringValue,
  fc.integer(),
  fc.double().map((d) => (Object.is(d, -0) ? 0 : d)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.boolean(),
);

// Generated TOML texts: every string style, every number form, dates and times, arrays over
// several lines with comments, inline tables, quoted and dotted keys, tables, sub-tables and
// arrays of tables, with random spacing and comments.
const space = fc.constantFrom('', ' ', '  ', '\t');
const comment = fc.constantFrom('', ' # note', '  #x = 1 [t]');
const plainText = fc.string({ unit: fc.constantFrom(...'ab 9.:#=[]{}é'.split('')), maxLength: 8 });
const scalarText = fc.oneof(
  plainText.map((s) => JSON.stringify(s)),
  plainText.map((s) => `'${s}'`),
  plainText.map((s) => `"""\n${s}\\\n  more"""`),
  plainText.map((s) => `'''${s}\n'''`),
  fc.integer().map(String),
  fc.nat().map((n) => `0x${n.toString(16)}`),
  fc.constantFrom('1_000', '+7', '-0', '0o17', '0b101', '3.14', '-2.5e-3', '1E6', 'inf', '-nan', 'true', 'false'),
  fc.constantFrom('1979-05-27', '07:32:00', '07:32:00.999', '1979-05-27T07:32:00Z', '1979-05-27 07:32:00-07:00', '1979-05-27T00:32:00.5'),
);
const valueText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; inline: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarText, tie('array'), tie('inline')),
  array: fc.tuple(fc.array(fc.tuple(space, tie('value'), fc.constantFrom('', '\n', ' # c\n')), { maxLength: 3 }), fc.boolean()).map(([items, trailing]) => {
    const body = items.map(([s, v, after]) => `${s}${v}${after}`).join(',');
    return `[${body}${trailing && items.length > 0 ? ',' : ''}]`;
  }),
  inline: fc.uniqueArray(fc.tuple(fc.constantFrom('k', 'v', '"q.k"', "'lit key'", 'n-1'), tie('value')), { selector: ([k]) => k, maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v]) => ` ${k} = ${v}`).join(',')} }`),
})).value;

const keyText = fc.constantFrom('a', 'b_2', 'c-3', '"quoted.key"', "'lit:key'", '"é x"', '42');
const keyValues = fc.uniqueArray(fc.tuple(keyText, space, valueText, comment), { selector: ([k]) => k, maxLength: 4 }).map((kvs) => kvs.map(([k, s, v, c]) => `${k}${s}=${s}${v}${c}\n`).join(''));
const documentText = fc
  .tuple(
    keyValues,
    fc.uniqueArray(fc.tuple(fc.constantFrom('t', 'srv', '"x.y"', 'deep.er'), keyValues), { selector: ([n]) => n, maxLength: 3 }),
    fc.array(fc.tuple(keyValues, fc.option(keyValues, { nil: undefined })), { maxLength: 3 }),
    fc.constantFrom('\n', '\r\n'),
  )
  .map(([root, tables, items, nl]) => {
    let out = root;
    for (const [name, body] of tables) out += `\n[${name}] # table\n${body}`;
    for (const [body, sub] of items) {
      out += `\n[[item]]\n${body}`;
      if (sub !== undefined) out += `[item.sub]\n${sub}`;
    }
    return nl === '\n' ? out : out.replace(/\n/g, '\r\n');
  })
  .filter((text) => {
    try {
      parse(text);
      return true;
    } catch {
      return false;
    }
  });

// Data of every shape, written by smol-toml's writer: arrays of tables under arrays of tables,
// keys that need quotes and escapes, dates.
const anyKey = fc.string({ unit: fc.constantFrom(...'ab.: "\'é\\\t'.split('')), minLength: 1, maxLength: 4 }).filter((k) => k !== '__proto__');
const anyLeaf = fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean(), fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }));
const anyData = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, anyLeaf, tie('map'), tie('list'), tie('tables')),
  map: fc.dictionary(anyKey, tie('node'), { maxKeys: 4 }),
  list: fc.array(tie('node'), { maxLength: 3 }),
  tables: fc.array(fc.dictionary(anyKey, tie('node'), { minKeys: 1, maxKeys: 3 }), { minLength: 1, maxLength: 3 }),
})).map;

describe('the byte-span index', () => {
  it('finds exactly the leaves a TOML reader finds, in what a TOML writer produces', () => {
    fc.assert(
      fc.property(anyData, (data) => {
        let text: string;
        try {
          text = stringify(data);
          parse(text);
        } catch {
          return;
        }
        const index = indexToml(text);
        expect(index.ok).toBe(true);
        if (!index.ok) return;
        const sort = (paths: string[][]) => paths.map((p) => JSON.stringify(p)).sort();
        expect(sort(scalarPathsOf(index.value))).toEqual(sort(leafPaths(readData(text))));
      }),
      { numRuns: 400 },
    );
  });
});

describe('laws of updateToml', () => {
  it('indexes exactly the leaves a TOML reader finds, in generated documents', () => {
    fc.assert(
      fc.property(documentText, (text) => {
        const index = indexToml(text);
        expect(index.ok).toBe(true);
        if (!index.ok) return;
        const sort = (paths: string[][]) => paths.map((p) => JSON.stringify(p)).sort();
        expect(sort(scalarPathsOf(index.value))).toEqual(sort(leafPaths(readData(text))));
      }),
      { numRuns: 300 },
    );
  });

  it('changes only the target value, in generated documents', () => {
    fc.assert(
      fc.property(documentText, fc.nat(), tomlValue, (text, pick, value) => {
        const paths = leafPaths(readData(text));
        const path = paths[pick % Math.max(paths.length, 1)];
        if (path !== undefined && path.length > 0) checkLaws(text, path, value);
      }),
      { numRuns: 300 },
    );
  });

  const fixtures = new URL('../fixtures/toml/', import.meta.url);
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.toml')).sort();
  it.each(files)('changes only the target value in %s', (name) => {
    const text = readFileSync(new URL(name, fixtures), 'utf8');
    const paths = leafPaths(readData(text));
    const index = indexToml(text);
    expect(index.ok && scalarPathsOf(index.value).length).toBe(paths.length);
    fc.assert(
      fc.property(fc.nat(), tomlValue, (pick, value) => {
        checkLaws(text, paths[pick % paths.length] as string[], value);
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
