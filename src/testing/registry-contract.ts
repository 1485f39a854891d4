import type { Page, PortFailureKind, PortResult, RegistryPort } from '../ports/index.js';
import { ContractViolation, expectThat, type ContractCheck, type Factory } from './contract.js';

/** An image the registry contract expects to find. */
export interface ContractImage {
  readonly tag: string;
  /** RFC 3339, whole seconds. */
  readonly createdAt?: string;
  readonly annotations?: Readonly<Record<string, string>>;
  /** Present for a multi-platform image (an index). */
  readonly platforms?: readonly { readonly os: string; readonly arch: string; readonly variant?: string }[];
}

/** What a registry must hold for {@link registryContract} to run against it. */
export interface RegistryContractFixture {
  /** A repository holding exactly `images` (normalized form, e.g. `registry.example.com/waybill/contract`). */
  readonly repository: string;
  /** A repository that does not exist. */
  readonly missingRepository: string;
  readonly images: readonly ContractImage[];
}

const numbered = Array.from({ length: 20 }, (_, i): ContractImage => ({ tag: `1.0.${i}`, createdAt: `2026-01-${String(i + 1).padStart(2, '0')}T00:00:00Z` }));

/**
 * The images {@link registryContract} expects by default: twenty single-platform images, one
 * carrying OCI annotations, and a two-platform index. Load them into the registry under test
 * (the memory adapter's `push` takes these objects as they are).
 */
export const registryContractFixture: RegistryContractFixture = {
  repository: 'registry.example.com/waybill/contract',
  missingRepository: 'registry.example.com/waybill/missing',
  images: [
    ...numbered,
    {
      tag: 'annotated',
      createdAt: '2026-02-01T12:30:00Z',
      annotations: { 'org.opencontainers.image.created': '2026-02-01T12:30:00Z', 'org.opencontainers.image.source': 'https://example.com/app' },
    },
    {
      tag: 'multi',
      createdAt: '2026-03-01T00:00:00Z',
      platforms: [
        { os: 'linux', arch: 'amd64' },
        { os: 'linux', arch: 'arm64', variant: 'v8' },
      ],
    },
  ],
};

/** Follows `next` until the last page and returns every item, or the first failure. */
export async function collectPages<T>(read: (cursor: string | undefined) => Promise<PortResult<Page<T>>>, maxPages = 10_000): Promise<PortResult<{ items: T[]; pages: number }>> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages <= maxPages; pages++) {
    const page = await read(cursor);
    if (!page.ok) return page;
    items.push(...page.value.items);
    if (page.value.next === undefined) return { ok: true, value: { items, pages } };
    expectThat(page.value.next !== cursor, `the page after cursor ${JSON.stringify(cursor)} points back to itself`);
    cursor = page.value.next;
  }
  throw new ContractViolation(`listing did not end after ${maxPages} pages`);
}

/** Fails unless the result is a failure of the given kind, with a message and a `retryable` flag. */
export function expectFailure<T>(result: PortResult<T>, kind: PortFailureKind, what: string): void {
  expectThat(!result.ok, `${what} succeeded; expected a ${kind} failure`);
  if (result.ok) return;
  expectThat(result.failure.kind === kind, `${what} failed with kind ${JSON.stringify(result.failure.kind)}, expected ${JSON.stringify(kind)}`);
  expectThat(typeof result.failure.message === 'string' && result.failure.message !== '', `${what}: the failure has no message`);
  expectThat(typeof result.failure.retryable === 'boolean', `${what}: the failure does not say whether it is retryable`);
}

/** Fails unless the result succeeded; returns its value. */
export function expectSuccess<T>(result: PortResult<T>, what: string): T {
  if (!result.ok) throw new ContractViolation(`${what} failed: ${result.failure.kind}: ${result.failure.message}`);
  return result.value;
}

const DIGEST = /^[a-z0-9]+:[a-f0-9]+$/;

/** Settles even if the adapter rejects, turning a rejection into a contract violation. */
export async function settle<T>(call: () => Promise<T>, what: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ContractViolation(`${what} rejected instead of resolving to a failure: ${String(error)}`);
  }
}

/** A signal that has already fired. */
export function aborted(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}

/**
 * The contract every {@link RegistryPort} must keep, as checks that run under any test runner.
 * `factory` is called once per check and must give a registry that holds `fixture` (by default
 * {@link registryContractFixture}).
 */
export function registryContract(factory: Factory<RegistryPort>, fixture: RegistryContractFixture = registryContractFixture): ContractCheck[] {
  const { repository, missingRepository, images } = fixture;
  const byTag = new Map(images.map((i) => [i.tag, i]));
  const single = images.find((i) => i.platforms === undefined && i.annotations === undefined);
  const annotated = images.find((i) => i.annotations !== undefined);
  const multi = images.find((i) => i.platforms !== undefined);
  return [
    {
      name: 'RegistryPort.listTags() pages through every tag exactly once',
      async run() {
        const registry = await factory();
        const listed = expectSuccess(
          await collectPages(async (cursor) => {
            const page = await registry.listTags({ repository, cursor, pageSize: 5 });
            if (page.ok) expectThat(page.value.items.length <= 5, `a page of size 5 held ${page.value.items.length} tags`);
            return page;
          }),
          'listTags',
        );
        expectThat(listed.pages >= Math.ceil(images.length / 5), `${images.length} tags came in ${listed.pages} pages of at most 5`);
        expectThat(new Set(listed.items).size === listed.items.length, 'a tag was listed twice');
        expectThat(listed.items.length === images.length && listed.items.every((t) => byTag.has(t)), `listed ${JSON.stringify(listed.items)}, expected the ${images.length} fixture tags`);
      },
    },
    {
      name: 'RegistryPort.listTags() without a page size still lists every tag',
      async run() {
        const registry = await factory();
        const listed = expectSuccess(await collectPages((cursor) => registry.listTags({ repository, cursor })), 'listTags');
        expectThat([...listed.items].sort().join(',') === images.map((i) => i.tag).sort().join(','), `listed ${JSON.stringify(listed.items)}`);
      },
    },
    {
      name: 'RegistryPort.listTags() of a missing repository is a not-found failure that is not retryable',
      async run() {
        const result = await settle(async () => (await factory()).listTags({ repository: missingRepository }), 'listTags');
        expectFailure(result, 'not-found', 'listTags of a missing repository');
        expectThat(!result.ok && !result.failure.retryable, 'a missing repository was reported as retryable');
      },
    },
    {
      name: 'RegistryPort.getImage() gives a well-formed, stable digest and no platforms for a single image',
      async run() {
        expectThat(single !== undefined, 'the fixture has no single-platform image');
        const registry = await factory();
        const first = expectSuccess(await registry.getImage({ repository, tag: single.tag }), `getImage ${single.tag}`);
        const again = expectSuccess(await registry.getImage({ repository, tag: single.tag }), `getImage ${single.tag}`);
        expectThat(first.tag === single.tag, `asked for ${single.tag}, got ${first.tag}`);
        expectThat(DIGEST.test(first.digest), `digest ${JSON.stringify(first.digest)} is not algorithm:hex`);
        expectThat(first.digest === again.digest, 'reading the same tag twice gave two digests');
        expectThat(first.platforms === undefined || first.platforms.length === 0, 'a single-platform image reported platforms');
        if (single.createdAt !== undefined) {
          expectThat(first.createdAt !== undefined && Date.parse(first.createdAt) === Date.parse(single.createdAt), `createdAt ${String(first.createdAt)}, expected ${single.createdAt}`);
        }
      },
    },
    {
      name: 'RegistryPort.getImage() reports the manifest annotations and creation time',
      async run() {
        expectThat(annotated?.annotations !== undefined, 'the fixture has no annotated image');
        const image = expectSuccess(await (await factory()).getImage({ repository, tag: annotated.tag }), `getImage ${annotated.tag}`);
        for (const [k, v] of Object.entries(annotated.annotations)) expectThat(image.annotations?.[k] === v, `annotation ${k} is ${JSON.stringify(image.annotations?.[k])}, expected ${JSON.stringify(v)}`);
        expectThat(image.createdAt !== undefined && Date.parse(image.createdAt) === Date.parse(annotated.createdAt ?? ''), `createdAt ${String(image.createdAt)}`);
      },
    },
    {
      name: 'RegistryPort.getImage() of an index lists its platforms, each with its own digest',
      async run() {
        expectThat(multi?.platforms !== undefined, 'the fixture has no multi-platform image');
        const image = expectSuccess(await (await factory()).getImage({ repository, tag: multi.tag }), `getImage ${multi.tag}`);
        const platforms = image.platforms ?? [];
        expectThat(platforms.length === multi.platforms.length, `got ${platforms.length} platforms, expected ${multi.platforms.length}`);
        for (const want of multi.platforms) {
          const got = platforms.find((p) => p.os === want.os && p.arch === want.arch && (p.variant ?? '') === (want.variant ?? ''));
          expectThat(got !== undefined, `platform ${want.os}/${want.arch}${want.variant ? `/${want.variant}` : ''} is missing`);
          expectThat(DIGEST.test(got.digest), `platform digest ${JSON.stringify(got.digest)} is not algorithm:hex`);
          expectThat(got.digest !== image.digest, 'a platform has the digest of the index itself');
        }
        expectThat(!platforms.some((p) => p.os === '' || p.os === 'unknown' || p.arch === '' || p.arch === 'unknown'), 'an attestation entry was reported as a platform');
        expectThat(image.digest !== expectSuccess(await (await factory()).getImage({ repository, tag: images[0]?.tag ?? '' }), 'getImage').digest, 'two different images share a digest');
      },
    },
    {
      name: 'RegistryPort.getImage() of a missing tag or repository is a not-found failure',
      async run() {
        const registry = await factory();
        expectFailure(await settle(() => registry.getImage({ repository, tag: 'no-such-tag' }), 'getImage'), 'not-found', 'getImage of a missing tag');
        expectFailure(await settle(() => registry.getImage({ repository: missingRepository, tag: 'latest' }), 'getImage'), 'not-found', 'getImage in a missing repository');
      },
    },
    {
      name: 'RegistryPort calls with a fired AbortSignal resolve to a cancelled failure',
      async run() {
        const registry = await factory();
        expectFailure(await settle(() => registry.listTags({ repository, signal: aborted() }), 'listTags'), 'cancelled', 'listTags with a fired signal');
        expectFailure(await settle(() => registry.getImage({ repository, tag: images[0]?.tag ?? '', signal: aborted() }), 'getImage'), 'cancelled', 'getImage with a fired signal');
      },
    },
  ];
}
