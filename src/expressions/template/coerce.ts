import { parseGoBool, parseGoFloat } from './go-strconv.js';
import { parseGoJSON } from './go-json.js';

/**
 * How the text a template produces becomes its value.
 * - `'kargo'` (the default): re-typed from the text exactly as Kargo does, so `"1.10"` becomes the
 *   number 1.1, `"true"` a boolean and `"{...}"` an object, unless `quote()` wrapped it.
 * - `'none'`: a template that is one expression and nothing else keeps that expression's own value;
 *   any other template is the concatenated text.
 */
export type TemplateCoercion = 'kargo' | 'none';

/**
 * Re-types the concatenated text of a template, following Kargo's steps in order: drop one
 * trailing newline; text wrapped in double quotes is a string (quotes removed, inner escapes kept);
 * else a Go float literal is a number; else a Go bool word is a boolean; else valid JSON is its
 * value; else the text itself (newline restored).
 */
export function coerceTemplateText(text: string): unknown {
  let body = text;
  const hadNewline = body.endsWith('\n');
  if (hadNewline) body = body.slice(0, -1);
  const restore = (s: string): string => (hadNewline ? `${s}\n` : s);
  if (body.length > 1 && body.startsWith('"') && body.endsWith('"')) return restore(body.slice(1, -1));
  const float = parseGoFloat(body);
  if (float !== undefined) return float;
  const bool = parseGoBool(body);
  if (bool !== undefined) return bool;
  const json = parseGoJSON(body);
  if (json.ok) return json.value;
  return restore(body);
}
