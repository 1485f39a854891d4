import fc from 'fast-check';

/** Strings that trip naive YAML writers: YAML 1.1/1.2 look-alikes, indicators, quotes, breaks. */
export const trickyStrings = [
  'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'NULL', 'true', 'False', '42', '-1', '0x1F', '0o17', '017',
  '1_000', '1.10', '.5', '1e3', '.inf', '-.Inf', '.NaN', '12:30:00', '2024-01-02', '2001-12-14t21:59:43.10-05:00',
  '<<', '=', '1.2.3', 'v1.10', 'nginx:1.25', 'ghcr.io/acme/app', 'sha256:abc', '-x', '- x', 'a: b', 'a #b', '#c',
  'a:', '', ' ', '  lead', 'trail ', 'multi\nline', 'multi\nline\n', 'two\n\n', '\nlead', "it's", 'q"d', 'back\\slash',
  '\t', 'tab\there', '\u0007bell', '\u0085nel', '\u2028', 'ключ', '😀', '? x', '[x]', '{x}', 'a,b', '*a', '&a', '!t',
  '%x', '@x', '`x', '|', '>', "'", '"', '...', '---', '--- x', 'x\r\ny', '\ufeffbom',
];

const scalarValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.constantFrom(...trickyStrings),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Any JSON-like value a user could set: scalars of every type, small arrays and objects. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalarValue },
  { weight: 1, arbitrary: fc.array(scalarValue, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => k !== '__proto__'), scalarValue, { maxKeys: 3 }),
  },
);
