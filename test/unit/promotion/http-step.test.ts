import { describe, expect, it } from 'vitest';
import { createMemoryHttp, type MemoryHttpHandler } from '../../../src/adapters/memory/index.js';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd, validateStepConfig, withPromotionStatus, withQueryParams, UNAVAILABLE_KARGO_STEPS } from '../../../src/promotion/index.js';
import type { PromotionRunStatus, RunnablePromotion, StepPorts } from '../../../src/promotion/index.js';
import type { PromotionStep } from '../../../src/model/index.js';

const steps = createStepRegistry(builtinSteps);

function promotion(config: Record<string, unknown>, extra: Partial<PromotionStep> = {}): RunnablePromotion {
  return { metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', vars: [{ name: 'host', value: 'https://api.example.com' }], steps: [{ uses: 'http', as: 'call', config, ...extra }] } };
}

function run(p: RunnablePromotion, ports: StepPorts): Promise<PromotionRunStatus> {
  return runPromotionToEnd(p, {}, { steps, ports, now: '2026-01-01T00:00:00Z' });
}

const meta = (s: PromotionRunStatus) => s.stepExecutionMetadata[0];
const json = (body: unknown, status = 200, headers: Record<string, string | string[]> = {}): ReturnType<MemoryHttpHandler> => ({ status, headers, body });

describe('http', () => {
  it('is a builtin step now', () => {
    for (const name of ['argocd-update', 'argocd-wait', 'http']) {
      expect(steps.has(name)).toBe(true);
      expect(UNAVAILABLE_KARGO_STEPS).not.toContain(name);
    }
  });

  it('sends the request the config describes and succeeds on 2xx with its outputs', async () => {
    const http = createMemoryHttp(() => json({ version: '1.2.3', items: [1, 2] }, 200, { 'X-Request-Id': ['r-1', 'r-2'] }));
    const s = await run(
      promotion({
        url: '${{ vars.host }}/v1/deploy?b=2',
        method: 'POST',
        headers: [{ name: 'Authorization', value: 'Bearer t' }],
        queryParams: [{ name: 'a', value: '1' }, { name: 'c d', value: 'e&f' }],
        body: '{"ok":true}',
        timeout: '3s',
        outputs: [
          { name: 'version', fromExpression: 'response.body.version' },
          { name: 'status', fromExpression: 'response.status' },
          { name: 'count', fromExpression: 'len(response.body.items)' },
          { name: 'id', fromExpression: 'response.header("x-request-id")' },
          { name: 'ids', fromExpression: 'response.headers["X-Request-Id"]' },
        ],
      }),
      { http },
    );
    expect(s.phase).toBe('Succeeded');
    expect(http.requests).toEqual([{ method: 'POST', url: 'https://api.example.com/v1/deploy?a=1&b=2&c+d=e%26f', headers: [{ name: 'Authorization', value: 'Bearer t' }], body: '{"ok":true}', timeout: 3000 }]);
    expect(s.state['call']).toEqual({ version: '1.2.3', status: 200, count: 2, id: 'r-1', ids: ['r-1', 'r-2'] });
  });

  it('defaults to GET with a 10 second timeout and an empty body', async () => {
    const http = createMemoryHttp(() => ({ status: 204 }));
    const s = await run(promotion({ url: 'https://api.example.com/ping' }), { http });
    expect(s.phase).toBe('Succeeded');
    expect(s.state['call']).toEqual({});
    expect(http.requests[0]).toEqual({ method: 'GET', url: 'https://api.example.com/ping', headers: [], body: '', timeout: 10_000 });
  });

  it('fails on a status that is not 2xx when no expression judges the response', async () => {
    const http = createMemoryHttp(() => ({ status: 503, body: 'busy' }));
    const s = await run(promotion({ url: 'https://api.example.com' }), { http });
    expect(s.phase).toBe('Failed');
    expect(meta(s)?.message).toContain('HTTP (503) response is not a success');
    // A retry threshold lets the step try again.
    const retried = await run(promotion({ url: 'https://api.example.com' }, { retry: { errorThreshold: 3 } }), { http });
    expect(retried.phase).toBe('Running');
  });

  it('fails for good when the failure expression holds, with the error expression\'s text', async () => {
    const http = createMemoryHttp(() => json({ state: 'broken', error: { detail: 'disk full' } }, 500));
    const config = { url: 'https://api.example.com', successExpression: 'response.status == 200', failureExpression: 'response.body.state == "broken"' };
    const plain = await run(promotion(config), { http });
    expect(plain.phase).toBe('Failed');
    expect(meta(plain)?.message).toBe('step "call": HTTP (500) response met failure criteria');
    const detailed = await run(promotion({ ...config, errorExpression: 'response.body.error.detail' }), { http });
    expect(meta(detailed)?.message).toBe('step "call": HTTP (500) response met failure criteria: "disk full"');
    // An error expression that does not fit the response falls back to the plain message.
    const unfit = await run(promotion({ ...config, errorExpression: 'response.body.nope.detail' }), { http });
    expect(meta(unfit)?.message).toBe('step "call": HTTP (500) response met failure criteria');
  });

  it('polls while neither expression holds, then succeeds', async () => {
    let calls = 0;
    const http = createMemoryHttp(() => json({ phase: ++calls < 3 ? 'pending' : 'done' }));
    const p = promotion({ url: 'https://api.example.com/job', successExpression: 'response.body.phase == "done"', failureExpression: 'response.body.phase == "failed"', pollInterval: '5s' });
    const first = await runPromotionToEnd(p, {}, { steps, ports: { http }, now: '2026-01-01T00:00:00Z' });
    expect(first.phase).toBe('Running');
    expect(meta(first)?.message).toBe('HTTP (200) response met neither the success nor the failure criteria');
    const waits: number[] = [];
    const done = await runPromotionToEnd(withPromotionStatus(p, first), {}, { steps, ports: { http }, now: '2026-01-01T00:00:10Z', maxRuns: 5, wait: async (ms) => void waits.push(ms) });
    expect(done.phase).toBe('Succeeded');
    expect(waits).toEqual([5000]);
    expect(calls).toBe(3);
  });

  it('suggests polling every 30 seconds by default', async () => {
    const http = createMemoryHttp(() => json({}));
    let retryAfter: number | undefined;
    await runPromotionToEnd(promotion({ url: 'https://api.example.com', successExpression: 'false' }), {}, { steps, ports: { http }, now: '2026-01-01T00:00:00Z', maxRuns: 2, wait: async (ms) => void (retryAfter = ms) });
    expect(retryAfter).toBe(30_000);
  });

  it('reports expressions that do not compile as terminal errors, and ones that fail at run time as retriable', async () => {
    const http = createMemoryHttp(() => json({ a: 1 }));
    const syntax = await run(promotion({ url: 'https://api.example.com', successExpression: 'response.status ==' }, { retry: { errorThreshold: 3 } }), { http });
    expect(syntax.phase).toBe('Errored');
    expect(meta(syntax)?.message).toContain('an unrecoverable error occurred');
    expect(meta(syntax)?.message).toContain('error compiling success expression "response.status =="');
    const runtime = await run(promotion({ url: 'https://api.example.com', failureExpression: 'response.body.a.b.c == 1' }, { retry: { errorThreshold: 3 } }), { http });
    expect(runtime.phase).toBe('Running');
    expect(meta(runtime)?.message).toContain('error evaluating failure expression');
    expect(meta(runtime)?.message).toContain('step will be retried');
    const notBool = await run(promotion({ url: 'https://api.example.com', successExpression: 'response.body.a' }), { http });
    expect(meta(notBool)?.message).toContain('success expression "response.body.a" did not evaluate to a boolean (got float64)');
    const badOutput = await run(promotion({ url: 'https://api.example.com', outputs: [{ name: 'x', fromExpression: '1 +' }] }), { http });
    expect(meta(badOutput)?.message).toContain('error compiling output expression "x"');
  });

  it('reads the body by content type: JSON, YAML, text, and nothing for what is neither', async () => {
    const out = async (body: string, contentType: string | undefined, responseContentType?: string): Promise<PromotionRunStatus> => {
      const http = createMemoryHttp(() => ({ status: 200, headers: contentType === undefined ? {} : { 'Content-Type': contentType }, body }));
      return run(promotion({ url: 'https://api.example.com', ...(responseContentType === undefined ? {} : { responseContentType }), outputs: [{ name: 'body', fromExpression: 'response.body' }] }), { http });
    };
    expect((await out('{"a":1}', 'application/json; charset=utf-8')).state['call']).toEqual({ body: { a: 1 } });
    expect((await out('a: 1\nb: [x]\n', 'application/yaml')).state['call']).toEqual({ body: { a: 1, b: ['x'] } });
    expect((await out('plain words', 'text/plain')).state['call']).toEqual({ body: 'plain words' });
    expect((await out('{"a":2}', 'application/octet-stream')).state['call']).toEqual({ body: { a: 2 } });
    expect((await out('<html/>', 'text/html')).state['call']).toEqual({ body: {} });
    expect((await out('a: 1', 'text/plain', 'application/yaml')).state['call']).toEqual({ body: { a: 1 } });
    const broken = await out('{nope', 'application/json');
    expect(meta(broken)?.message).toContain('error building expression context from HTTP response: failed to parse JSON response');
  });

  it('refuses a response body over 2 MiB', async () => {
    const http = createMemoryHttp(() => ({ status: 200, body: 'x'.repeat((2 << 20) + 1) }));
    const s = await run(promotion({ url: 'https://api.example.com' }), { http });
    expect(meta(s)?.message).toContain('response body size 2097153 exceeds limit of 2097152 bytes');
  });

  it('sends bodyFromFile from the work tree', async () => {
    const http = createMemoryHttp(() => ({ status: 200 }));
    const tree = createMemoryWorkTree({ 'payload/body.json': '{"hello":"world"}' });
    const s = await run(promotion({ url: 'https://api.example.com', method: 'PUT', bodyFromFile: '../payload/body.json' }), { http, workTree: tree });
    expect(s.phase).toBe('Succeeded');
    expect(http.requests[0]?.body).toBe('{"hello":"world"}');
    const missing = await run(promotion({ url: 'https://api.example.com', bodyFromFile: 'nope.json' }), { http, workTree: tree });
    expect(meta(missing)?.message).toContain('could not read bodyFromFile "nope.json": no such file');
  });

  it('errors when the request gets no answer, the URL is bad, or no HTTP port is given', async () => {
    const http = createMemoryHttp(() => ({ failure: { kind: 'transport', message: 'dial tcp: connection refused' } }));
    const s = await run(promotion({ url: 'https://api.example.com' }), { http });
    expect(s.phase).toBe('Errored');
    expect(meta(s)?.message).toContain('error sending HTTP request: dial tcp: connection refused');
    const badUrl = await run(promotion({ url: 'not a url' }), { http });
    expect(meta(badUrl)?.message).toContain('error building HTTP request: invalid URL "not a url"');
    const none = await run(promotion({ url: 'https://api.example.com' }), {});
    expect(meta(none)?.message).toContain('http needs an HTTP client: pass ports.http to runPromotion');
  });

  it('has Kargo\'s strict config', () => {
    const issues = (config: unknown) => validateStepConfig(steps, 'http', config).map((i) => i.path.join('.'));
    expect(issues({ url: 'https://x', method: 'POST', timeout: '1m30s', pollInterval: '10s', responseContentType: 'text/plain' })).toEqual([]);
    expect(issues({})).toEqual(['url']);
    expect(issues({ url: 'https://x', method: 'OPTIONS' })).toEqual(['method']);
    expect(issues({ url: 'https://x', timeout: 'soon' })).toEqual(['timeout']);
    expect(issues({ url: 'https://x', body: 'a', bodyFromFile: 'b' })).toEqual(['bodyFromFile']);
    expect(issues({ url: 'https://x', proxy: 'socks5://p' })).toEqual(['proxy']);
    expect(issues({ url: 'https://x', headers: [{ name: 'a' }] })).toEqual(['headers.0.value']);
    expect(issues({ url: 'https://x', extra: 1 })).toEqual(['']);
  });
});

describe('withQueryParams', () => {
  it('adds parameters as Go does: the whole query re-encoded, sorted by key, fragment kept', () => {
    expect(withQueryParams('https://x/p?z=1&a=2#frag', [{ name: 'm', value: 'a b/c' }])).toBe('https://x/p?a=2&m=a+b%2Fc&z=1#frag');
    expect(withQueryParams('https://x/p', [])).toBe('https://x/p');
    expect(withQueryParams('https://x/p?k=1', [{ name: 'k', value: '2' }])).toBe('https://x/p?k=1&k=2');
    expect(withQueryParams('relative/path', [])).toBeUndefined();
    expect(withQueryParams('https://x/p?bad=%zz', [{ name: 'a', value: 'b' }])).toBeUndefined();
  });
});
