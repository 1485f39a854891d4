// An approximation of gopkg.in/yaml.v3's Marshal for asYAML(): 4-space indents, sequences indented
// under their key, sorted keys, Go's %g form for floats. The yaml library lays out the document;
// the float tag below writes numbers the way Go does, which JavaScript's default does not.
import { Scalar, stringify, type ScalarTag } from 'yaml';
import { ExprDuration, ExprObject, fromJS, getOwnData, ownDataKeys } from '../values.js';
import { KargoStruct } from '../kargo/structs.js';
import { compareCodePoints } from './go-json.js';

class GoFloat {
  constructor(readonly value: number) {}
}

const goFloatTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value: unknown) => value instanceof GoFloat,
  resolve: (source: string) => Number(source),
  stringify: (item) => formatYAMLFloat((item.value as GoFloat).value),
};

/** Formats a float as yaml.v3 does: Go's shortest `%g`, with `.inf`, `-.inf` and `.nan`. */
export function formatYAMLFloat(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
  return formatGoShortestG(value);
}

/** Formats a float like Go's `strconv.FormatFloat(f, 'g', -1, 64)` (`1e+06`, `123456`, `1e-05`). */
export function formatGoShortestG(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const exp = value.toExponential();
  const [mantissa = '0', power = '0'] = exp.split('e');
  const e = Number(power);
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(value);
}

const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

function prepare(value: unknown, depth: number): unknown {
  const v = fromJS(value);
  if (depth <= 0) throw new Error('value is nested too deeply');
  if (typeof v === 'number') return new GoFloat(v);
  if (typeof v === 'string' && OLD_BOOLS.has(v)) {
    // yaml.v3 quotes the YAML 1.1 booleans so that older readers keep them strings.
    const quoted = new Scalar(v);
    quoted.type = 'QUOTE_DOUBLE';
    return quoted;
  }
  if (v === null || typeof v !== 'object') return v;
  // yaml.v3 writes a time.Duration as its text (`1h0m0s`) and a struct with lower-cased field names.
  if (v instanceof ExprDuration) return v.toString();
  if (v instanceof KargoStruct) return new Map(v.yamlEntries().map(([k, x]) => [k, prepare(x, depth - 1)]));
  if (v instanceof ExprObject) return prepare(v.toJS(), depth - 1);
  if (Array.isArray(v)) return v.map((x: unknown) => prepare(x, depth - 1));
  const out = new Map<string, unknown>();
  for (const key of ownDataKeys(v).sort(compareCodePoints)) out.set(key, prepare(getOwnData(v, key), depth - 1));
  return out;
}

/** Writes a value as YAML in the layout of yaml.v3's Marshal (see the file comment for limits). */
export function marshalGoYAML(value: unknown): string {
  return stringify(prepare(value, 1000), {
    indent: 4,
    indentSeq: true,
    lineWidth: 0,
    minContentWidth: 0,
    customTags: [goFloatTag],
  });
}
