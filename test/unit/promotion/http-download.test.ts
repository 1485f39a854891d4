import { describe, expect, it } from 'vitest';
import { builtinSteps, createMemoryWorkTree, createStepRegistry, runPromotionToEnd, validateStepConfig } from '../../../src/promotion/index.js';
import type { AnyStepDefinition, MemoryWorkTree, PromotionRunStatus, StepPorts } from '../../../src/promotion/index.js';
import { createMemoryHttp } from '../../../src/adapters/memory/index.js';
import { httpDownloadStep, MAX_HTTP_DOWNLOAD_BYTES } from '../../../src/promotion/steps/http-download.js';
import type { PromotionStep } from '../../../src/model/index.js';

/** Runs a promotion of `steps` to its end with the builtin steps plus `extra`, on `tree`. */
function runWith(extra: readonly AnyStepDefinition[], tree: MemoryWorkTree | undefined, steps: PromotionStep[], ports: StepPorts = {}): Promise<PromotionRunStatus> {
  return runPromotionToEnd({ metadata: { name: 'p', namespace: 'demo' }, spec: { stage: 'dev', freight: 'f', steps } }, {}, {
    steps: createStepRegistry([...builtinSteps, ...extra]),
    now: '2026-01-01T00:00:00Z',
    ports: { ...(tree === undefined ? {} : { workTree: tree }), ...ports },
  });
}

const run = runWith.bind(null, [httpDownloadStep]);

describe('http-download', () => {
  it('GETs the URL with headers and query parameters and writes the body, confined to the work tree', async () => {
    const http = createMemoryHttp(() => ({ status: 200, body: 'chart: contents\n' }));
    const tree = createMemoryWorkTree();
    const s = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/files/values.yaml?ref=main', outPath: '../../downloads/values.yaml', headers: [{ name: 'Authorization', value: 'Bearer t' }], queryParams: [{ name: 'v', value: 'a b' }], timeout: '30s' } }], { http });
    expect(s.phase).toBe('Succeeded');
    expect(tree.files()).toEqual({ 'downloads/values.yaml': 'chart: contents\n' });
    expect(tree.modeOf('downloads/values.yaml')).toBe(0o600);
    expect(http.requests).toEqual([{ method: 'GET', url: 'https://example.com/files/values.yaml?ref=main&v=a+b', headers: [{ name: 'Authorization', value: 'Bearer t' }], timeout: 30_000 }]);
  });

  it('refuses to overwrite a file unless allowed', async () => {
    const http = createMemoryHttp(() => ({ status: 200, body: 'new' }));
    const tree = createMemoryWorkTree({ 'f.txt': 'old' });
    const refused = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/f', outPath: 'f.txt' } }], { http });
    expect(refused.stepExecutionMetadata[0]?.status).toBe('Errored');
    expect(refused.stepExecutionMetadata[0]?.message).toContain('file already exists at f.txt and overwrite is not allowed');
    expect(http.requests.length).toBe(0);
    const allowed = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/f', outPath: 'f.txt', allowOverwrite: true } }], { http });
    expect(allowed.phase).toBe('Succeeded');
    expect(tree.files()['f.txt']).toBe('new');
    expect(http.requests[0]?.timeout).toBe(300_000);
  });

  it('fails on a non-2xx status and on a body over the limit, and errors when no answer comes', async () => {
    const tree = createMemoryWorkTree();
    const notFound = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/x', outPath: 'x' } }], { http: createMemoryHttp(() => ({ status: 404, body: 'nope' })) });
    expect(notFound.stepExecutionMetadata[0]?.status).toBe('Failed');
    expect(notFound.stepExecutionMetadata[0]?.message).toContain('HTTP request failed with status 404');
    const huge = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/x', outPath: 'x' } }], { http: createMemoryHttp(() => ({ status: 200, body: 'x'.repeat(MAX_HTTP_DOWNLOAD_BYTES + 1) })) });
    expect(huge.stepExecutionMetadata[0]?.status).toBe('Failed');
    expect(huge.stepExecutionMetadata[0]?.message).toContain('download exceeds limit of 104857600 bytes');
    const down = await run(tree, [{ uses: 'http-download', config: { url: 'https://example.com/x', outPath: 'x' } }], { http: createMemoryHttp(() => ({ failure: { kind: 'transport', message: 'connection refused' } })) });
    expect(down.stepExecutionMetadata[0]?.status).toBe('Errored');
    expect(down.stepExecutionMetadata[0]?.message).toContain('error sending HTTP request: connection refused');
    expect(tree.files()).toEqual({});
  });

  it('errors for good without an HTTP client, a work tree or a usable URL', async () => {
    const noHttp = await run(createMemoryWorkTree(), [{ uses: 'http-download', config: { url: 'https://example.com/x', outPath: 'x' } }]);
    expect(noHttp.stepExecutionMetadata[0]?.message).toContain('http-download needs an HTTP client');
    const http = createMemoryHttp(() => ({ status: 200 }));
    const noTree = await run(undefined, [{ uses: 'http-download', config: { url: 'https://example.com/x', outPath: 'x' } }], { http });
    expect(noTree.stepExecutionMetadata[0]?.message).toContain('needs a work tree');
    const badUrl = await run(createMemoryWorkTree(), [{ uses: 'http-download', config: { url: 'not a url', outPath: 'x' } }], { http });
    expect(badUrl.stepExecutionMetadata[0]?.message).toContain('error building HTTP request');
  });

  it('checks its config strictly', () => {
    const steps = createStepRegistry([...builtinSteps, httpDownloadStep]);
    expect(validateStepConfig(steps, 'http-download', { url: 'https://a', outPath: 'x', timeout: '1m30s', allowOverwrite: true })).toEqual([]);
    expect(validateStepConfig(steps, 'http-download', { url: 'https://a', outPath: 'x', timeout: 'soon' }).length).toBe(1);
    expect(validateStepConfig(steps, 'http-download', { url: 'https://a', outPath: 'x', headers: [{ name: 'a', value: '' }] }).length).toBe(1);
    expect(validateStepConfig(steps, 'http-download', { url: 'https://a', method: 'POST', outPath: 'x' }).length).toBe(1);
  });
});
