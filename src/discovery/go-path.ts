import { cleanPath } from '../patterns/index.js';

/**
 * Go's `path.Join`: joins the non-empty elements with `/` and cleans the result (all empty gives
 * ""). Kargo keys charts by `path.Join(normalizedURL, name)`, so `https://host` + `chart` becomes
 * `https:/host/chart`; Freight ids depend on that exact output, which no JavaScript path helper
 * reproduces (and the core may not import Node's `path`).
 */
export function joinPath(...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length === 0 ? '' : cleanPath(parts.join('/'));
}
