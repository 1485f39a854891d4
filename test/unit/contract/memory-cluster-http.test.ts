import { describe, expect, it, test } from 'vitest';
import { createMemoryCluster, createMemoryHttp, type MemoryCluster, type MemoryHttp } from '../../../src/adapters/memory/index.js';
import type { ClusterPort, HttpPort } from '../../../src/ports/index.js';
import { clusterContract, clusterContractFixture, httpContract, httpContractFixture, runContract } from '../../../src/testing/index.js';

function seededCluster(): MemoryCluster {
  const cluster = createMemoryCluster();
  for (const app of clusterContractFixture.applications) cluster.addApplication(app);
  return cluster;
}

function contractHttp(): MemoryHttp {
  return createMemoryHttp((request) => {
    const [path, query = ''] = request.url.split('?');
    if (path === httpContractFixture.echoURL) {
      const headers: Record<string, string[]> = {};
      for (const h of request.headers ?? []) headers[h.name.toLowerCase()] = [...(headers[h.name.toLowerCase()] ?? []), h.value];
      return { status: 200, headers: { 'X-Waybill-Echo': 'yes' }, body: { method: request.method, url: request.url, headers, body: request.body ?? '' } };
    }
    if (path === httpContractFixture.statusURL) return { status: Number(new URLSearchParams(query).get('code') ?? '200'), body: '' };
    throw new Error('connection refused');
  });
}

describe('the memory cluster keeps the ClusterPort contract', () => {
  for (const check of clusterContract(seededCluster)) test(check.name, check.run);
});

describe('the memory HTTP port keeps the HttpPort contract', () => {
  for (const check of httpContract(contractHttp)) test(check.name, check.run);
});

describe('the cluster and HTTP contract suites catch broken adapters', () => {
  it('fails a cluster that ignores matchExpressions and rejects for a missing Application', async () => {
    const good = seededCluster();
    const broken: ClusterPort = {
      async getApplication(request) {
        const result = await good.getApplication(request);
        if (!result.ok) throw new Error('boom');
        return result;
      },
      listApplications: (request) => good.listApplications({ ...request, selector: { matchLabels: request.selector.matchLabels } }),
      patchApplication: (request) => good.patchApplication(request),
    };
    const failed = (await runContract(clusterContract(() => broken))).filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toContain('ClusterPort.listApplications() selects by labels and requirements within one namespace');
    expect(failed).toContain('ClusterPort.getApplication() of a missing Application is a not-found failure that is not retryable');
    expect(failed).not.toContain('ClusterPort.patchApplication() replaces the sources of single- and multi-source Applications');
  });

  it('fails an HTTP port that reports error statuses as failures', async () => {
    const good = contractHttp();
    const broken: HttpPort = {
      async send(request) {
        const result = await good.send(request);
        return result.ok && result.value.status >= 400 ? { ok: false, failure: { kind: 'transport', message: 'bad status', retryable: true } } : result;
      },
    };
    const failed = (await runContract(httpContract(() => broken))).filter((o) => !o.passed).map((o) => o.name);
    expect(failed).toEqual(['HttpPort.send() answers a 4xx or 5xx status as a response, not a failure']);
  });
});
