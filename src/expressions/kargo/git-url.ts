// A compact form of Kargo's Git URL normalization, used only to decide whether two spellings name
// the same repository in commitFrom(). It lives here, not in discovery, because discovery already
// depends on the expression language; callers can pass discovery's full normalizeGitURL through
// KargoExpressionContext.normalizeGitURL to use exactly the same rules as Freight ids.

const SCP_FORM = /^((?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*)(?::(.*))?$/;
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

function sanitize(url: string): string {
  let out = '';
  for (const ch of url) if (PRINTABLE.test(ch)) out += ch;
  return out.trim();
}

function stripRepoSuffix(path: string): string {
  const noSlash = path.endsWith('/') ? path.slice(0, -1) : path;
  return noSlash.endsWith('.git') ? noSlash.slice(0, -4) : noSlash;
}

function splitSuffix(text: string): { body: string; query: string; fragment: string } {
  const hash = text.indexOf('#');
  const beforeHash = hash < 0 ? text : text.slice(0, hash);
  const fragment = hash < 0 ? '' : text.slice(hash);
  const q = beforeHash.indexOf('?');
  return q < 0 ? { body: beforeHash, query: '', fragment } : { body: beforeHash.slice(0, q), query: beforeHash.slice(q + 1), fragment };
}

/**
 * Normalizes a Git URL for comparison: lower case; for `http(s)://` the user info is dropped; one
 * trailing `/` and then one trailing `.git` are removed from the path; SCP-like `user@host:path`
 * becomes `ssh://user@host/path`. URLs with query parameters are returned as given.
 */
export function normalizeGitURLForMatch(url: string): string {
  const repo = sanitize(url.toLowerCase());
  const scheme = /^(https?|ssh):\/\//.exec(repo);
  if (scheme !== null) {
    const { body, query, fragment } = splitSuffix(repo.slice(scheme[0].length));
    if (query.split('&').some((p) => p !== '')) return url;
    const slash = body.indexOf('/');
    let authority = slash < 0 ? body : body.slice(0, slash);
    const path = slash < 0 ? '' : body.slice(slash);
    if (scheme[1] !== 'ssh') authority = authority.slice(authority.lastIndexOf('@') + 1);
    return `${scheme[0]}${authority}${stripRepoSuffix(path)}${fragment}`;
  }
  const match = SCP_FORM.exec(repo);
  if (match === null) return url;
  const { body, query, fragment } = splitSuffix(match[2] ?? '');
  const path = stripRepoSuffix(body);
  if (path === '') return `ssh://${match[1] ?? ''}`;
  return `ssh://${match[1] ?? ''}/${path}${query === '' ? '' : `?${query}`}${fragment}`;
}
