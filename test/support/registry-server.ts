/**
 * A real OCI distribution registry for tests: Debian's `docker-registry` (CNCF distribution) on a
 * free loopback port with storage in a temporary directory, optionally behind htpasswd basic
 * auth, plus helpers that push blobs, manifests and indexes through the registry's HTTP API.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How to get the registry binary when it is missing. */
export const REGISTRY_INSTALL_HINT =
  'the `docker-registry` binary (CNCF distribution) is required for the registry adapter tests; install it with ' +
  '`apt-get update && apt-get install -y --no-install-recommends docker-registry apache2-utils` (Debian/Ubuntu), as .ci/run does';

/** A running registry. */
export interface RegistryServer {
  /** `127.0.0.1:<port>`: the registry part of repository names. */
  readonly host: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The Authorization header pushes need, when the registry has a user. */
  readonly authorization?: string;
  stop(): Promise<void>;
}

/** Options of {@link startRegistryServer}. */
export interface RegistryServerOptions {
  /** Protects the registry with htpasswd (bcrypt) basic auth for this user. */
  readonly user?: { readonly username: string; readonly password: string };
  /** The registry command (default `docker-registry`), looked up on the PATH. */
  readonly command?: string;
}

function findBinary(name: string): string | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return undefined;
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      await response.arrayBuffer();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer within 15 s: ${output()}`);
}

/** Starts `docker-registry`; throws with installation advice when the binary is missing. */
export async function startRegistryServer(options: RegistryServerOptions = {}): Promise<RegistryServer> {
  const binary = findBinary(options.command ?? 'docker-registry');
  if (binary === undefined) throw new Error(REGISTRY_INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'waybill-registry-'));
  const port = await freePort();
  let auth = '';
  let authorization: string | undefined;
  if (options.user !== undefined) {
    const htpasswd = findBinary('htpasswd');
    if (htpasswd === undefined) throw new Error(`the \`htpasswd\` binary (apache2-utils) is missing; ${REGISTRY_INSTALL_HINT}`);
    const made = spawnSync(htpasswd, ['-Bbn', options.user.username, options.user.password], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
    writeFileSync(join(dir, 'htpasswd'), made.stdout);
    auth = `auth:\n  htpasswd:\n    realm: waybill-test\n    path: ${join(dir, 'htpasswd')}\n`;
    authorization = `Basic ${Buffer.from(`${options.user.username}:${options.user.password}`).toString('base64')}`;
  }
  const config = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n');
  writeFileSync(join(dir, 'config.yml'), config);
  const child = spawn(binary, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host: `127.0.0.1:${port}`, url, ...(authorization !== undefined ? { authorization } : {}), stop };
}

/** The `sha256:` digest of some bytes. */
export function digestOf(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function headers(server: RegistryServer, extra: Record<string, string> = {}): Record<string, string> {
  return server.authorization === undefined ? extra : { ...extra, authorization: server.authorization };
}

/** Uploads a blob (POST then monolithic PUT) and returns its digest. */
export async function pushBlob(server: RegistryServer, name: string, content: Uint8Array | string): Promise<string> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const digest = digestOf(bytes);
  const started = await fetch(`${server.url}/v2/${name}/blobs/uploads/`, { method: 'POST', headers: headers(server) });
  await started.arrayBuffer();
  if (started.status !== 202) throw new Error(`starting an upload to ${name} answered ${started.status}`);
  const location = new URL(started.headers.get('location') ?? '', server.url);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', headers: headers(server, { 'content-type': 'application/octet-stream' }), body: bytes });
  const text = await put.text();
  if (put.status !== 201) throw new Error(`uploading a blob to ${name} answered ${put.status}: ${text}`);
  return digest;
}

/** Puts a manifest or index under a tag (or its digest) and returns its digest. */
export async function pushManifest(server: RegistryServer, name: string, reference: string | undefined, mediaType: string, document: unknown): Promise<string> {
  const body = JSON.stringify(document);
  const digest = digestOf(body);
  const put = await fetch(`${server.url}/v2/${name}/manifests/${reference ?? digest}`, { method: 'PUT', headers: headers(server, { 'content-type': mediaType }), body });
  const text = await put.text();
  if (put.status !== 201) throw new Error(`putting manifest ${name}:${reference ?? digest} answered ${put.status}: ${text}`);
  return digest;
}

/** What an image pushed with {@link pushImage} carries. */
export interface TestImage {
  /** The config blob's `created`. */
  readonly created?: string;
  readonly labels?: Record<string, string>;
  /** The manifest's annotations. */
  readonly annotations?: Record<string, string>;
  readonly os?: string;
  readonly arch?: string;
  readonly variant?: string;
  /** Docker v2 schema 2 instead of OCI. */
  readonly docker?: boolean;
  /** Makes otherwise equal images differ. */
  readonly salt?: string;
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

/** Pushes a single-platform image (config blob, one layer, manifest) and returns the manifest digest. */
export async function pushImage(server: RegistryServer, name: string, tag: string | undefined, image: TestImage = {}): Promise<string> {
  const config = {
    ...(image.created !== undefined ? { created: image.created } : {}),
    architecture: image.arch ?? 'amd64',
    os: image.os ?? 'linux',
    ...(image.variant !== undefined ? { variant: image.variant } : {}),
    config: { Labels: image.labels ?? {}, Env: [`SALT=${image.salt ?? tag ?? ''}`] },
    rootfs: { type: 'layers', diff_ids: [] },
  };
  const configBytes = JSON.stringify(config);
  const configDigest = await pushBlob(server, name, configBytes);
  const layer = `layer of ${name}`;
  const layerDigest = await pushBlob(server, name, layer);
  const docker = image.docker === true;
  const manifest = {
    schemaVersion: 2,
    mediaType: docker ? DOCKER_MANIFEST : OCI_MANIFEST,
    config: { mediaType: docker ? 'application/vnd.docker.container.image.v1+json' : 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: Buffer.byteLength(configBytes) },
    layers: [{ mediaType: docker ? 'application/vnd.docker.image.rootfs.diff.tar.gzip' : 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: Buffer.byteLength(layer) }],
    ...(image.annotations !== undefined && !docker ? { annotations: image.annotations } : {}),
  };
  return pushManifest(server, name, tag, manifest.mediaType, manifest);
}

/** One platform of an index pushed with {@link pushIndex}. */
export interface TestPlatform extends TestImage {
  readonly os: string;
  readonly arch: string;
  /** Annotations on the index entry itself. */
  readonly entryAnnotations?: Record<string, string>;
}

/** What {@link pushIndex} pushed: the index digest and each platform's manifest digest. */
export interface PushedIndex {
  readonly digest: string;
  readonly platforms: readonly string[];
  readonly attestation?: string;
}

/**
 * Pushes a multi-platform OCI index (or a Docker manifest list): one image per platform, and,
 * when `attestation` is set, a BuildKit-style attestation entry (`unknown/unknown`) for the first.
 */
export async function pushIndex(server: RegistryServer, name: string, tag: string, platforms: readonly TestPlatform[], options: { annotations?: Record<string, string>; attestation?: boolean; docker?: boolean } = {}): Promise<PushedIndex> {
  const digests: string[] = [];
  const entries: unknown[] = [];
  const manifestType = options.docker === true ? DOCKER_MANIFEST : OCI_MANIFEST;
  for (const p of platforms) {
    const digest = await pushImage(server, name, undefined, { ...p, docker: options.docker === true, salt: `${tag}/${p.os}/${p.arch}/${p.variant ?? ''}` });
    digests.push(digest);
    entries.push({
      mediaType: manifestType,
      digest,
      size: 0,
      platform: { os: p.os, architecture: p.arch, ...(p.variant !== undefined ? { variant: p.variant } : {}) },
      ...(p.entryAnnotations !== undefined ? { annotations: p.entryAnnotations } : {}),
    });
  }
  let attestation: string | undefined;
  if (options.attestation === true && digests[0] !== undefined) {
    attestation = await pushImage(server, name, undefined, { salt: `${tag}/attestation`, os: 'unknown', arch: 'unknown' });
    entries.push({
      mediaType: OCI_MANIFEST,
      digest: attestation,
      size: 0,
      platform: { os: 'unknown', architecture: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': digests[0] },
    });
  }
  // The registry checks sizes against the stored manifests, so each entry gets its real size.
  for (const entry of entries as { digest: string; size: number }[]) {
    const head = await fetch(`${server.url}/v2/${name}/manifests/${entry.digest}`, { method: 'HEAD', headers: headers(server, { accept: `${OCI_MANIFEST}, ${DOCKER_MANIFEST}` }) });
    entry.size = Number(head.headers.get('content-length') ?? '0');
  }
  const mediaType = options.docker === true ? 'application/vnd.docker.distribution.manifest.list.v2+json' : 'application/vnd.oci.image.index.v1+json';
  const index = { schemaVersion: 2, mediaType, manifests: entries, ...(options.annotations !== undefined && options.docker !== true ? { annotations: options.annotations } : {}) };
  const digest = await pushManifest(server, name, tag, mediaType, index);
  return { digest, platforms: digests, ...(attestation !== undefined ? { attestation } : {}) };
}

/** Points more tags at an existing manifest (by copying its bytes), quickly. */
export async function tagManifest(server: RegistryServer, name: string, digest: string, tags: readonly string[]): Promise<void> {
  const got = await fetch(`${server.url}/v2/${name}/manifests/${digest}`, { headers: headers(server, { accept: `${OCI_MANIFEST}, ${DOCKER_MANIFEST}` }) });
  const body = await got.text();
  const mediaType = got.headers.get('content-type') ?? OCI_MANIFEST;
  for (const tag of tags) {
    const put = await fetch(`${server.url}/v2/${name}/manifests/${tag}`, { method: 'PUT', headers: headers(server, { 'content-type': mediaType }), body });
    await put.arrayBuffer();
    if (put.status !== 201) throw new Error(`tagging ${name}:${tag} answered ${put.status}`);
  }
}
