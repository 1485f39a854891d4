/** One `WWW-Authenticate` challenge: its scheme (lowercased) and its parameters. */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Reads the first challenge of a `WWW-Authenticate` header (`Bearer realm="…",service="…",
 * scope="…"` or `Basic realm="…"`). Hand-written because the header's grammar (quoted strings
 * with commas inside, as in multi-action scopes) is small and no dependency is worth it.
 */
export function parseChallenge(header: string | null): AuthChallenge | undefined {
  if (header === null) return undefined;
  const match = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  const rest = match[2] ?? '';
  const param = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/gy;
  let found: RegExpExecArray | null;
  while ((found = param.exec(rest)) !== null && found[0] !== '') {
    params[(found[1] ?? '').toLowerCase()] = found[2] !== undefined ? found[2].replace(/\\(.)/g, '$1') : (found[3] ?? '');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}
