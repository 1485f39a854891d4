import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRegistry } from '../../../src/adapters/memory/index.js';
import type { DiscoverReport } from '../../../src/cli/commands/discover.js';
import { createRepositoryRoot, startAuthenticatedGitServer, type AuthenticatedGitServer, type RepositoryRoot } from '../../support/git-server.js';
import { pushImage, startRegistryServer, type RegistryServer } from '../../support/registry-server.js';
import { quickstartCopy, runAsync, tempProject } from './harness.js';
import { defaultStatePath, freight, writeState } from './state-fixtures.js';

const PORTS_MODULE = fileURLToPath(new URL('./memory-ports.ts', import.meta.url));
const NOW = ['--now', '2026-03-10T00:00:00Z'];

/** The quickstart with a configuration whose ports come from the in-memory module. */
function configured(extra: Record<string, string> = {}): string {
  return quickstartCopy({ 'waybill.config.yaml': `manifests: [kargo]\nports:\n  registry: ${PORTS_MODULE}\n  git: ${PORTS_MODULE}\n  charts: ${PORTS_MODULE}\n`, ...extra });
}

describe('waybill discover', () => {
  it('discovers through the ports the configuration names and prints the Freight it would create', async () => {
    const r = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: configured() });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Warehouse kargo-demo (Project kargo-demo) discovered:\n  image ghcr.io/example/app:\n    1.1.0  sha256:110');
    expect(r.stdout.indexOf('1.1.0')).toBeLessThan(r.stdout.indexOf('1.0.0'));
    expect(r.stdout).not.toContain('2.0.0');
    expect(r.stdout).toContain('The Warehouse would create this Freight:\n  apiVersion: kargo.akuity.io/v1alpha1\n  kind: Freight\n');
    expect(r.stdout).toContain('tag: 1.1.0');
  });

  it('prints a waybill.discover/v1 document with --json, the same each time', async () => {
    const dir = configured();
    const r = await runAsync(['discover', 'kargo-demo', '--json', ...NOW], { cwd: dir });
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report).toMatchObject({ format: 'waybill.discover/v1', ok: true, project: 'kargo-demo', warehouse: 'kargo-demo', exists: false, issues: [] });
    expect(report.discovered?.images?.[0]?.references.map((ref) => ref.tag)).toEqual(['1.1.0', '1.0.0']);
    expect(report.discovered?.discoveredAt).toBe('2026-03-10T00:00:00Z');
    expect(report.freight).toMatchObject({ kind: 'Freight', origin: { kind: 'Warehouse', name: 'kargo-demo' }, images: [{ repoURL: 'ghcr.io/example/app', tag: '1.1.0' }] });
    expect(report.freight?.metadata.name).toMatch(/^[0-9a-f]{40}$/);
    expect((await runAsync(['discover', 'kargo-demo', '--json', ...NOW], { cwd: dir })).stdout).toBe(r.stdout);
  });

  it('serves image, Git and chart subscriptions together', async () => {
    const warehouse = [
      'apiVersion: kargo.akuity.io/v1alpha1',
      'kind: Warehouse',
      'metadata: {name: all, namespace: kargo-demo}',
      'spec:',
      '  subscriptions:',
      '  - image: {repoURL: ghcr.io/example/app, constraint: ^1.0.0}',
      '  - git: {repoURL: "https://github.com/example/config.git", branch: main}',
      '  - chart: {repoURL: "https://charts.example.com", name: app}',
      '',
    ].join('\n');
    const r = await runAsync(['discover', 'all', '--json', ...NOW], { cwd: configured({ 'kargo/all.yaml': warehouse }) });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report.discovered?.git?.[0]?.commits.map((c) => c.id)).toEqual(['d'.repeat(40), 'c'.repeat(40)]);
    expect(report.discovered?.charts?.[0]?.versions).toEqual(['0.2.0', '0.1.0']);
    expect(report.freight).toMatchObject({ commits: [{ id: 'd'.repeat(40) }], charts: [{ name: 'app', version: '0.2.0' }], images: [{ tag: '1.1.0' }] });
  });

  it('says when the Freight exists already, with its alias', async () => {
    const dir = configured();
    const first = JSON.parse((await runAsync(['discover', 'kargo-demo', '--json', ...NOW], { cwd: dir })).stdout) as DiscoverReport;
    const name = first.freight?.metadata.name ?? '';
    writeState(defaultStatePath(dir), [freight({ name, alias: 'old-owl' })]);
    const again = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('This Freight exists already (nothing new was found):');
    expect(again.stdout).toContain('alias: old-owl');
  });

  it('records the Freight with --create, ready for promote, and then finds it exists', async () => {
    const dir = configured();
    const r = await runAsync(['discover', 'kargo-demo', '--create', '--json', ...NOW], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report).toMatchObject({ wouldCreate: true, created: true, exists: false });
    const name = report.freight?.metadata.name ?? '';
    const listed = await runAsync(['get', 'freight', '-o', 'name'], { cwd: dir });
    expect(listed.stdout).toBe(`freight.kargo.akuity.io/${name}\n`);
    const warehouse = JSON.parse((await runAsync(['get', 'warehouse', 'kargo-demo', '--json'], { cwd: dir })).stdout) as { status: { lastFreightID: string; discoveredArtifacts: unknown } };
    expect(warehouse.status.lastFreightID).toBe(name);
    expect(warehouse.status.discoveredArtifacts).toEqual(report.discovered);
    const again = JSON.parse((await runAsync(['discover', 'kargo-demo', '--create', '--json', ...NOW], { cwd: dir })).stdout) as DiscoverReport;
    expect(again).toMatchObject({ exists: true, wouldCreate: false, created: false });
    const promoted = await runAsync(['promote', '--stage', 'dev', '--origin', 'Warehouse/kargo-demo', ...NOW], { cwd: dir });
    expect(promoted.code).toBe(0);
  });

  it('minds freightCreationPolicy and freightCreationCriteria', async () => {
    const warehouse = (extra: string): string =>
      ['apiVersion: kargo.akuity.io/v1alpha1', 'kind: Warehouse', 'metadata: {name: kargo-demo, namespace: kargo-demo}', 'spec:', extra, '  subscriptions:', '  - image: {repoURL: ghcr.io/example/app, constraint: ^1.0.0}', ''].join('\n');
    const manual = configured({ 'kargo/warehouse.yaml': warehouse('  freightCreationPolicy: Manual') });
    const m = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: manual });
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('The Warehouse would not create this Freight by itself: the Warehouse has freightCreationPolicy: Manual');
    const made = JSON.parse((await runAsync(['discover', 'kargo-demo', '--create', '--json', ...NOW], { cwd: manual })).stdout) as DiscoverReport;
    expect(made).toMatchObject({ wouldCreate: false, created: true });
    const refused = configured({ 'kargo/warehouse.yaml': warehouse("  freightCreationCriteria:\n    expression: imageFrom('ghcr.io/example/app').Tag == '9.9.9'") });
    const c = JSON.parse((await runAsync(['discover', 'kargo-demo', '--create', '--json', ...NOW], { cwd: refused })).stdout) as DiscoverReport;
    expect(c).toMatchObject({ ok: true, wouldCreate: false, created: false });
    expect(c.note).toContain('freightCreationCriteria');
  });

  it('takes injected ports before the configuration, and exits 4 when a port fails', async () => {
    const registry = createMemoryRegistry();
    registry.fail('ghcr.io/example/app', { kind: 'transport', message: 'connection reset', retryable: true });
    const r = await runAsync(['discover', 'kargo-demo', '--json', ...NOW], { cwd: configured(), ports: { registry } });
    expect(r.code).toBe(4);
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report).toMatchObject({ ok: false, discovered: null, freight: null });
    expect(report.issues[0]?.code).toBe('DISCOVERY_TRANSPORT_FAILED');
    const text = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: configured(), ports: { registry } });
    expect(text.code).toBe(4);
    expect(text.stderr).toContain('error DISCOVERY_TRANSPORT_FAILED');
  });

  it('reports that nothing matched without failing', async () => {
    const registry = createMemoryRegistry();
    registry.push('ghcr.io/example/app', { tag: '0.1.0' });
    const r = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: configured(), ports: { registry } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No Freight would be created:\n  no images discovered for repository "ghcr.io/example/app"');
  });

  it('shows progress on standard error only when it is a terminal', async () => {
    const tty = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: configured(), stderrIsTTY: true });
    expect(tty.stderr).toContain('listing tags of ghcr.io/example/app');
    expect(tty.stderr.endsWith('\r\u001b[2K')).toBe(true);
    const piped = await runAsync(['discover', 'kargo-demo', ...NOW], { cwd: configured(), stderrIsTTY: false });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).toBe(tty.stdout);
  });

  it('exits 1 for a Warehouse it cannot find and 2 without one', async () => {
    const dir = configured();
    expect(await runAsync(['discover', 'nope'], { cwd: dir })).toMatchObject({ code: 1, stderr: 'waybill: no Warehouse named "nope" in Project "kargo-demo"\n' });
    expect((await runAsync(['discover'], { cwd: dir })).code).toBe(2);
  });

  it('exits 2 when a port module cannot be loaded', async () => {
    const dir = quickstartCopy({ 'waybill.config.yaml': 'manifests: [kargo]\nports:\n  registry: ./missing-module.mjs\n' });
    const r = await runAsync(['discover', 'kargo-demo'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot load a port module');
  });
});

describe('waybill discover against a real registry (docker-registry)', () => {
  let server: RegistryServer;
  let secured: RegistryServer;
  const user = { username: 'waybill', password: 'pa55-W0rd' };

  beforeAll(async () => {
    server = await startRegistryServer();
    secured = await startRegistryServer({ user });
    for (const target of [server, secured]) {
      await pushImage(target, 'acme/app', '1.0.0', { created: '2026-03-01T00:00:00Z' });
      await pushImage(target, 'acme/app', '1.2.0', { created: '2026-03-02T00:00:00Z' });
      await pushImage(target, 'acme/app', 'latest', { created: '2026-03-03T00:00:00Z' });
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await secured?.stop();
  });

  const warehouseOn = (host: string): string =>
    ['apiVersion: kargo.akuity.io/v1alpha1', 'kind: Warehouse', 'metadata: {name: app, namespace: acme}', 'spec:', '  subscriptions:', `  - image: {repoURL: "${host}/acme/app", constraint: ^1.0.0}`, ''].join('\n');

  it('lists tags and digests over HTTP and builds the Freight', async () => {
    const dir = tempProject({ 'kargo/wh.yaml': warehouseOn(server.host) });
    const r = await runAsync(['discover', 'app', '-f', 'kargo', '--json', ...NOW], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report.discovered?.images?.[0]?.references.map((ref) => ref.tag)).toEqual(['1.2.0', '1.0.0']);
    expect(report.freight?.images?.[0]).toMatchObject({ repoURL: `${server.host}/acme/app`, tag: '1.2.0' });
    expect(report.freight?.images?.[0]?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('sends the credentials the configuration names from the environment, and exits 4 without them', async () => {
    const config = `registries:\n- url: ${secured.host}\n  usernameEnv: REG_USER\n  passwordEnv: REG_PASS\n`;
    const dir = tempProject({ 'kargo/wh.yaml': warehouseOn(secured.host), 'waybill.config.yaml': config });
    const ok = await runAsync(['discover', 'app', '-f', 'kargo', '--json', ...NOW], { cwd: dir, env: { REG_USER: user.username, REG_PASS: user.password } });
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.stdout) as DiscoverReport).freight?.images?.[0]?.tag).toBe('1.2.0');
    const denied = await runAsync(['discover', 'app', '-f', 'kargo', ...NOW], { cwd: dir, env: {} });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('waybill: warning: registries[0].usernameEnv names REG_USER, which is not set');
    expect(denied.stderr).toContain('DISCOVERY_ACCESS_DENIED');
    expect(denied.stderr).not.toContain(user.password);
  });
});

describe('waybill discover against a real Git server (git http-backend)', () => {
  let root: RepositoryRoot;
  let server: AuthenticatedGitServer;
  let head = '';
  const user = { username: 'dana', password: 'g1t-Pa55' };

  beforeAll(async () => {
    root = await createRepositoryRoot();
    const repo = await root.createRepository('config');
    await repo.commit({ subject: 'first', date: '2026-03-01T00:00:00Z', author: 'Dana <dana@example.com>', write: { 'a.yaml': 'a\n' } });
    head = await repo.commit({ subject: 'second', date: '2026-03-02T00:00:00Z', author: 'Dana <dana@example.com>', write: { 'b.yaml': 'b\n' } });
    server = await startAuthenticatedGitServer(root.root, user.username, user.password);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await root?.remove();
  });

  it('lists the commits of a branch through the git command, with the credentials the configuration names', async () => {
    const url = server.urlOf('config.git');
    const dir = tempProject({
      'kargo/wh.yaml': ['apiVersion: kargo.akuity.io/v1alpha1', 'kind: Warehouse', 'metadata: {name: config, namespace: acme}', 'spec:', '  subscriptions:', `  - git: {repoURL: "${url}", branch: main}`, ''].join('\n'),
      'waybill.config.yaml': `git:\n- url: http://127.0.0.1:${server.port}/*\n  usernameEnv: GIT_USER\n  passwordEnv: GIT_PASS\n`,
    });
    const r = await runAsync(['discover', 'config', '-f', 'kargo', '--json', ...NOW], { cwd: dir, env: { GIT_USER: user.username, GIT_PASS: user.password } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as DiscoverReport;
    expect(report.discovered?.git?.[0]?.commits.map((c) => c.subject)).toEqual(['second', 'first']);
    expect(report.freight?.commits?.[0]).toMatchObject({ id: head, branch: 'main', message: 'second' });
    const denied = await runAsync(['discover', 'config', '-f', 'kargo', ...NOW], { cwd: dir, env: {} });
    expect(denied.code).toBe(4);
    expect(denied.stderr).toContain('DISCOVERY_ACCESS_DENIED');
    expect(denied.stderr).not.toContain(user.password);
  });
});
