import type { CST } from 'yaml';
import { isScalarToken, keyText } from './yaml-cst.js';
import { resolveCorePlain } from './yaml-scalar.js';

/**
 * Finds mapping keys that repeat an earlier key of the same mapping (same value, as the `yaml`
 * reader compares them: `1` and `01` are the same number, `"1"` and `1` differ). The `yaml`
 * composer does this check by comparing each key with every earlier one, which takes minutes on
 * a mapping with 100,000 keys; a hash set keeps it linear. Returns the offsets of the repeats.
 */
export function findDuplicateKeys(root: CST.Token | undefined): number[] {
  const found: number[] = [];
  const stack: CST.Token[] = root ? [root] : [];
  while (stack.length > 0) {
    const token = stack.pop() as CST.Token;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push(token.value);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const isMap = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
        const seen = isMap ? new Set<string>() : undefined;
        for (const item of token.items) {
          if (item.key) stack.push(item.key);
          if (item.value) stack.push(item.value);
          if (!seen || !isScalarToken(item.key) || hasProps(item.start)) continue;
          const id = keyIdentity(item.key);
          if (id === undefined) continue;
          if (seen.has(id)) found.push(item.key.offset);
          else seen.add(id);
        }
        break;
      }
      default:
        break;
    }
  }
  return found.sort((a, b) => a - b);
}

function hasProps(tokens: readonly CST.SourceToken[]): boolean {
  return tokens.some((t) => t.type === 'tag');
}

function keyIdentity(key: CST.FlowScalar | CST.BlockScalar): string | undefined {
  const text = keyText(key);
  if (text === undefined) return undefined;
  if (key.type !== 'scalar') return `s:${text}`;
  const value = resolveCorePlain(text);
  return typeof value === 'string' ? `s:${value}` : `${typeof value}:${String(value)}`;
}
