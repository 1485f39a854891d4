/**
 * A faithful subset of Go's `net/url` parser and printer, written by hand for waybill because the
 * WHATWG `URL` class (and every npm URL library) parses and prints differently: Go keeps the text
 * of the path when it is validly escaped, accepts any scheme, rejects some hosts WHATWG accepts
 * (and the reverse), and never adds a trailing slash. Kargo normalizes Git URLs with Go's rules,
 * so Freight ids and duplicate checks depend on them byte for byte.
 *
 * Internally every string is a "byte string": one UTF-16 unit per UTF-8 byte, which is how Go
 * sees strings. Callers pass and receive ordinary strings.
 */

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** A parsed URL, with Go's field meanings (all text fields are byte strings). */
export interface GoURL {
  scheme: string;
  opaque: string;
  user: { username: string; password?: string } | undefined;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Turns a string into its UTF-8 bytes, one char per byte. */
export function toByteString(s: string): string {
  const bytes = encoder.encode(s);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return out;
}

/** Turns a byte string back into a string (invalid UTF-8 becomes U+FFFD, as printing would). */
export function fromByteString(b: string): string {
  const bytes = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  return decoder.decode(bytes);
}

const isAlnum = (c: number): boolean =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const hexValue = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

/** Go's `unescape`: undefined when the escapes are malformed or the host holds a bad byte. */
function unescape(s: string, mode: Mode): string | undefined {
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) return undefined;
      if (mode === 'host' && hexValue(s.charCodeAt(i + 1)) < 8 && s.slice(i, i + 3) !== '%25') return undefined;
      if (mode === 'zone') {
        const v = hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2));
        if (s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) return undefined;
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) return undefined;
      i++;
    }
  }
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      out += String.fromCharCode(hexValue(s.charCodeAt(i + 1)) * 16 + hexValue(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c === 0x2b && mode === 'queryComponent') {
      out += ' ';
    } else {
      out += s[i];
    }
  }
  return out;
}

function escape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (shouldEscape(c, mode)) out += '%' + c.toString(16).toUpperCase().padStart(2, '0');
    else out += s[i];
  }
  return out;
}

function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (`!$&'()*+,;=:@[]`.includes(ch) || ch === '%') continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  if (port[0] !== ':') return false;
  for (let i = 1; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function getScheme(raw: string): { scheme: string; rest: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
    if (letter) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) return undefined;
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseHost(host: string): string | undefined {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) return undefined;
    if (!validOptionalPort(host.slice(i + 1))) return undefined;
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      const a = unescape(host.slice(0, zone), 'host');
      const b = unescape(host.slice(zone, i), 'zone');
      const c = unescape(host.slice(i), 'host');
      return a === undefined || b === undefined || c === undefined ? undefined : a + b + c;
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1 && !validOptionalPort(host.slice(i))) return undefined;
  }
  return unescape(host, 'host');
}

function validUserinfo(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnum(c)) continue;
    if (!`-._:~!$&'()*+,;=%@`.includes(s[i]!)) return false;
  }
  return true;
}

function parseAuthority(authority: string): { user: GoURL['user']; host: string } | undefined {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (host === undefined) return undefined;
  if (at < 0) return { user: undefined, host };
  const info = authority.slice(0, at);
  if (!validUserinfo(info)) return undefined;
  const colon = info.indexOf(':');
  if (colon < 0) {
    const username = unescape(info, 'userPassword');
    return username === undefined ? undefined : { user: { username }, host };
  }
  const username = unescape(info.slice(0, colon), 'userPassword');
  const password = unescape(info.slice(colon + 1), 'userPassword');
  if (username === undefined || password === undefined) return undefined;
  return { user: { username, password }, host };
}

function hasControlByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Sets the path the way Go's `setPath` does: decoded, with the raw text kept when it differs. */
export function setURLPath(u: GoURL, p: string): boolean {
  const path = unescape(p, 'path');
  if (path === undefined) return false;
  u.path = path;
  u.rawPath = escape(path, 'path') === p ? '' : p;
  return true;
}

/** Parses a URL with Go's `url.Parse` rules; undefined where Go returns an error. */
export function parseGoURL(input: string): GoURL | undefined {
  const raw = toByteString(input);
  const hash = raw.indexOf('#');
  const body = hash < 0 ? raw : raw.slice(0, hash);
  const frag = hash < 0 ? '' : raw.slice(hash + 1);
  if (hasControlByte(body)) return undefined;
  const u: GoURL = {
    scheme: '',
    opaque: '',
    user: undefined,
    host: '',
    path: '',
    rawPath: '',
    omitHost: false,
    forceQuery: false,
    rawQuery: '',
    fragment: '',
    rawFragment: '',
  };
  if (body === '*') {
    u.path = '*';
  } else {
    const sch = getScheme(body);
    if (sch === undefined) return undefined;
    u.scheme = sch.scheme.toLowerCase();
    let rest = sch.rest;
    if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
      u.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf('?');
      if (q >= 0) {
        u.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    if (!rest.startsWith('/')) {
      if (u.scheme !== '') {
        u.opaque = rest;
        return withFragment(u, frag);
      }
      const slash = rest.indexOf('/');
      const segment = slash < 0 ? rest : rest.slice(0, slash);
      if (segment.includes(':')) return undefined;
    }
    if ((u.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
      let authority = rest.slice(2);
      rest = '';
      const slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.slice(slash);
        authority = authority.slice(0, slash);
      }
      const parsed = parseAuthority(authority);
      if (parsed === undefined) return undefined;
      u.user = parsed.user;
      u.host = parsed.host;
    } else if (u.scheme !== '' && rest.startsWith('/')) {
      u.omitHost = true;
    }
    if (!setURLPath(u, rest)) return undefined;
  }
  return withFragment(u, frag);
}

function withFragment(u: GoURL, frag: string): GoURL | undefined {
  if (frag === '') return u;
  const f = unescape(frag, 'fragment');
  if (f === undefined) return undefined;
  u.fragment = f;
  u.rawFragment = escape(f, 'fragment') === frag ? '' : frag;
  return u;
}

function escapedPath(u: GoURL): string {
  if (u.rawPath !== '' && validEncoded(u.rawPath, 'path') && unescape(u.rawPath, 'path') === u.path) {
    return u.rawPath;
  }
  if (u.path === '*') return '*';
  return escape(u.path, 'path');
}

function escapedFragment(u: GoURL): string {
  if (u.rawFragment !== '' && validEncoded(u.rawFragment, 'fragment') && unescape(u.rawFragment, 'fragment') === u.fragment) {
    return u.rawFragment;
  }
  return escape(u.fragment, 'fragment');
}

/** Prints a URL the way Go's `URL.String` does. */
export function formatGoURL(u: GoURL): string {
  let buf = '';
  if (u.scheme !== '') buf += u.scheme + ':';
  if (u.opaque !== '') {
    buf += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (!(u.omitHost && u.host === '' && u.user === undefined)) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) buf += '//';
        if (u.user !== undefined) {
          buf += escape(u.user.username, 'userPassword');
          if (u.user.password !== undefined) buf += ':' + escape(u.user.password, 'userPassword');
          buf += '@';
        }
        if (u.host !== '') buf += escape(u.host, 'host');
      }
    }
    const path = escapedPath(u);
    if (path !== '' && path[0] !== '/' && u.host !== '') buf += '/';
    if (buf === '') {
      const slash = path.indexOf('/');
      const segment = slash < 0 ? path : path.slice(0, slash);
      if (segment.includes(':')) buf += './';
    }
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== '') buf += '?' + u.rawQuery;
  if (u.fragment !== '') buf += '#' + escapedFragment(u);
  return fromByteString(buf);
}

/** How many parameters Go's `URL.Query()` finds in a raw query (malformed pairs are dropped). */
export function countQueryParams(rawQuery: string): number {
  let count = 0;
  for (const pair of rawQuery.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : pair.slice(eq + 1);
    if (unescape(key, 'queryComponent') === undefined || unescape(value, 'queryComponent') === undefined) continue;
    count++;
  }
  return count;
}
