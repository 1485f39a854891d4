import { countQueryParams, formatGoURL, parseGoURL } from './go-url.js';
import { sanitizeURL } from './sanitize-url.js';

// Kargo's SCP-like form `[user@]host[:path]`; `\w` is ASCII-only in both Go RE2 and JavaScript.
const SCP_FORM = /^((?:[\w-]+@)?[\w-]+(?:\.[\w-]+)*)(?::(.*))?$/;

function stripRepoSuffix(path: string): string {
  const noSlash = path.endsWith('/') ? path.slice(0, -1) : path;
  return noSlash.endsWith('.git') ? noSlash.slice(0, -4) : noSlash;
}

/**
 * Normalizes a Git repository URL the way Kargo does, so that equivalent spellings compare equal:
 * lowercased and sanitized; `http(s)://` URLs lose their user info, one trailing `/` and then one
 * trailing `.git`; `ssh://` URLs keep their user info; SCP-like `user@host:path` becomes
 * `ssh://user@host/path`. URLs Go cannot parse, and URLs with query parameters, are returned as
 * given. Written by hand on Go's `net/url` rules (see `go-url.ts`), since Kargo's ids depend on them.
 */
export function normalizeGitURL(url: string): string {
  const repo = sanitizeURL(url.toLowerCase());
  const isHttp = repo.startsWith('http://') || repo.startsWith('https://');
  if (isHttp || repo.startsWith('ssh://')) {
    const parsed = parseGoURL(repo);
    if (parsed === undefined || countQueryParams(parsed.rawQuery) > 0) return url;
    if (isHttp) parsed.user = undefined;
    parsed.path = stripRepoSuffix(parsed.path);
    return formatGoURL(parsed);
  }
  const match = SCP_FORM.exec(repo);
  if (match === null) return url;
  const userHost = match[1] ?? '';
  const pathURL = parseGoURL(match[2] ?? '');
  if (pathURL === undefined) return url;
  pathURL.path = stripRepoSuffix(pathURL.path);
  // Kargo keeps only the host when the path is empty, whatever else the path part held.
  return pathURL.path === '' ? `ssh://${userHost}` : `ssh://${userHost}/${formatGoURL(pathURL)}`;
}
