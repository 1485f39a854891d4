/**
 * When a string may be written as a plain (unquoted) YAML scalar. The rules are waybill's own
 * (see docs/guides/editing-config-files.md): a plain scalar must read back as the same string
 * under YAML 1.2's core schema and under YAML 1.1, which Helm's Go parser still applies.
 */

// YAML 1.2 core schema and YAML 1.1 (the Go yaml.v2 reading Helm uses) scalars that are not strings.
const NON_STRING_PATTERNS: readonly RegExp[] = [
  // null
  /^(?:~|null|Null|NULL)$/,
  // booleans, 1.2 and 1.1
  /^(?:true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/,
  // integers: 1.2 decimal, octal, hex
  /^[-+]?[0-9]+$/,
  /^0o[0-7]+$/,
  /^0x[0-9a-fA-F]+$/,
  // integers: 1.1 binary, octal, decimal and hex with underscores, sexagesimal
  /^[-+]?0b[01_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?(?:0|[1-9][0-9_]*)$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+$/,
  // floats: 1.2 core
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/,
  // floats: 1.1 (one dot; Go's reader also refuses `1.2.3` as a float), sexagesimal
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+]?[0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  // infinities and not-a-number
  /^[-+]?\.(?:inf|Inf|INF)$/,
  /^\.(?:nan|NaN|NAN)$/,
  // 1.1 merge and value keys
  /^(?:<<|=)$/,
  // 1.1 timestamps
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$/,
];

/** True when a plain scalar with this text would be read as something other than a string. */
export function readsAsNonString(text: string): boolean {
  return text === '' || NON_STRING_PATTERNS.some((re) => re.test(text));
}

const INDICATOR_START = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
const FLOW_INDICATORS = /[,[\]{}]/;

/** True for a character YAML can carry unescaped in a single-quoted or plain scalar. */
export function isPrintable(code: number): boolean {
  if (code === 0x09) return true;
  if (code < 0x20) return false;
  if (code >= 0x7f && code <= 0x9f) return false;
  if (code === 0x2028 || code === 0x2029 || code === 0xfeff) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}

/** True when every character of the string is printable and none is a line break. */
export function isSingleLinePrintable(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code > 0xffff) continue;
    if (!isPrintable(code)) return false;
  }
  return true;
}

/**
 * True when the string can be written plain: not empty, no surrounding white space, no line
 * break or non-printable character, no indicator first, no `: `, ` #` or final `:`, no flow
 * indicators inside a flow collection, not a document marker, and read back as a string.
 */
export function isPlainSafe(text: string, flow: boolean): boolean {
  if (text === '') return false;
  const first = text[0] as string;
  const last = text[text.length - 1] as string;
  if (first === ' ' || first === '\t' || last === ' ' || last === '\t') return false;
  if (INDICATOR_START.has(first)) return false;
  if (text.startsWith('...')) return false;
  if (!isSingleLinePrintable(text)) return false;
  if (/:[ \t]|[ \t]#/.test(text) || last === ':') return false;
  if (flow && FLOW_INDICATORS.test(text)) return false;
  return !readsAsNonString(text);
}
