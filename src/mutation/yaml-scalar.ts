import { CST } from 'yaml';
import type { ScalarToken } from './yaml-cst.js';
import type { ScalarStyle } from './yaml-render.js';

/** The style a scalar token is written in. */
export function scalarStyle(token: ScalarToken): ScalarStyle {
  switch (token.type) {
    case 'single-quoted-scalar':
      return 'single';
    case 'double-quoted-scalar':
      return 'double';
    case 'block-scalar':
      return 'block';
    default:
      return 'plain';
  }
}

/** Reads a plain scalar the way the YAML 1.2 core schema does (what the `yaml` package returns by default). */
export function resolveCorePlain(text: string): unknown {
  if (/^(?:~|null|Null|NULL)?$/.test(text)) return null;
  if (/^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.slice(2), 8);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.slice(2), 16);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return parseFloat(text);
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  return text;
}

/** The value of a scalar token as data: quoted and block scalars are strings, plain ones resolved by the core schema. */
export function scalarData(token: ScalarToken, tag: string | undefined): unknown {
  const text = token.type === 'scalar' && !token.source.includes('\n') ? token.source : (CST.resolveAsScalar(token, true, ignoreError)?.value ?? '');
  if (token.type !== 'scalar') return text;
  if (tag === '!!str' || tag === '!') return text;
  return resolveCorePlain(text);
}

/** Swallows scalar errors: the composer has already reported them as `YAML_PARSE`. */
function ignoreError(): void {}
