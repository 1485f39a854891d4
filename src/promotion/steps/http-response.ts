import { parse as parseYaml } from 'yaml';
import { createMap, ExprObject, fromJS, toJS, type ExprMethod, type ExprValue } from '../../expressions/index.js';
import type { HttpResponse } from '../../ports/index.js';

/** The largest response body the `http` step reads (2 MiB, as Kargo). */
export const MAX_HTTP_BODY_BYTES = 2 << 20;

/**
 * A header name in Go's canonical form (`content-type` -> `Content-Type`), which is how Kargo's
 * `response.headers` spells them. Names with characters Go does not canonicalize stay as they are.
 */
export function canonicalHeaderName(name: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name
    .split('-')
    .map((part) => (part === '' ? part : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()))
    .join('-');
}

/**
 * `response` as the `http` step's expressions see it, as Kargo builds it: `status` (an int),
 * `headers` (canonical name to list of values), `body` (parsed JSON or YAML, text, or an empty
 * map), and `header(name)`, the first value of a header or `""`.
 */
class HttpResponseValue extends ExprObject {
  readonly typeName = 'map[string]interface {}';

  constructor(
    private readonly status: bigint,
    private readonly headers: Record<string, ExprValue>,
    private readonly body: ExprValue,
  ) {
    super();
  }

  override getField(name: string): ExprValue | undefined {
    switch (name) {
      case 'status':
        return this.status;
      case 'headers':
        return this.headers;
      case 'body':
        return fromJS(this.body);
      default:
        // A missing key of a Go map reads as nil.
        return null;
    }
  }

  override getMethod(name: string): ExprMethod | undefined {
    if (name !== 'header') return undefined;
    return (args) => {
      const key = typeof args[0] === 'string' ? canonicalHeaderName(args[0]) : '';
      const values = Object.hasOwn(this.headers, key) ? this.headers[key] : undefined;
      return Array.isArray(values) && typeof values[0] === 'string' ? values[0] : '';
    };
  }

  toJS(): unknown {
    return { status: Number(this.status), headers: toJS(this.headers), body: toJS(this.body) };
  }

  toString(): string {
    return `map[body:${String(this.body)} status:${this.status}]`;
  }
}

/** How a response body is read, from the configured or the declared content type. */
type ParseMode = 'json' | 'yaml' | 'text';

function parseModeOf(contentType: string): ParseMode {
  const type = contentType.toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/yaml' || type === 'text/yaml' || type === 'application/x-yaml') return 'yaml';
  if (type === 'text/plain') return 'text';
  return 'json';
}

function mediaTypeOf(headers: Readonly<Record<string, readonly string[]>>): string {
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type') return (values[0] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  }
  return '';
}

/**
 * Builds the `response` value of the `http` step's expressions from what the port answered.
 * The body is parsed by `contentType` (the step's `responseContentType`), else by the response's
 * Content-Type: JSON, YAML or plain text; any other type is parsed as JSON when it is valid JSON
 * and left as an empty map when it is not. An empty body is an empty map.
 */
export function buildHttpResponseValue(response: HttpResponse, contentType: string | undefined): { ok: true; value: ExprValue } | { ok: false; message: string } {
  const size = new TextEncoder().encode(response.body).length;
  if (size > MAX_HTTP_BODY_BYTES) return { ok: false, message: `response body size ${size} exceeds limit of ${MAX_HTTP_BODY_BYTES} bytes` };
  const headers = createMap();
  for (const [name, values] of Object.entries(response.headers ?? {})) {
    const key = canonicalHeaderName(name);
    const list = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : typeof values === 'string' ? [values] : [];
    const existing = headers[key];
    headers[key] = Array.isArray(existing) ? [...(existing as string[]), ...list] : list;
  }
  const type = contentType ?? mediaTypeOf(response.headers ?? {});
  let body: unknown = createMap();
  if (response.body !== '') {
    switch (parseModeOf(type)) {
      case 'json':
        try {
          body = JSON.parse(response.body) as unknown;
        } catch (e) {
          // Only a body declared as JSON must be JSON; anything else that is not JSON is ignored.
          if (type.toLowerCase() === 'application/json') return { ok: false, message: `failed to parse JSON response: ${e instanceof Error ? e.message : String(e)}` };
        }
        break;
      case 'yaml':
        try {
          body = parseYaml(response.body, { maxAliasCount: 100, logLevel: 'error' }) as unknown;
        } catch (e) {
          return { ok: false, message: `failed to parse YAML response: ${e instanceof Error ? e.message : String(e)}` };
        }
        break;
      case 'text':
        body = response.body;
        break;
    }
  }
  const status = typeof response.status === 'number' && Number.isInteger(response.status) ? BigInt(response.status) : 0n;
  return { ok: true, value: new HttpResponseValue(status, headers, fromJS(body)) };
}
