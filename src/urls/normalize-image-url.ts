import { parseGoURL, toByteString } from './go-url.js';
import { sanitizeURL } from './sanitize-url.js';

/**
 * Image reference parsing with go-containerregistry's `name.ParseReference` rules under weak
 * validation, written by hand because Kargo normalizes image and chart URLs with that library and
 * no npm package reproduces its choices (which part is a registry, when `:x` is a tag, the
 * `library/` namespace, `docker.io` rewriting).
 */

const DEFAULT_REGISTRY = 'index.docker.io';
const REPOSITORY_CHARS = /^[a-z0-9_\-./]*$/;
const TAG_CHARS = /^[A-Za-z0-9_\-.]*$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;

interface ImageRepository {
  readonly registry: string;
  readonly repository: string;
}

const runeCount = (s: string): number => [...s].length;

function checkRegistry(name: string): boolean {
  // The registry must be a URI authority that Go parses back to exactly itself.
  const parsed = parseGoURL('//' + name);
  return parsed !== undefined && parsed.host === toByteString(name);
}

function newRepository(name: string): ImageRepository | undefined {
  if (name.length === 0) return undefined;
  let registry = '';
  let repository = name;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (first.includes('.') || first.includes(':')) {
      registry = first;
      repository = name.slice(slash + 1);
    }
  }
  const n = runeCount(repository);
  if (n < 2 || n > 255 || !REPOSITORY_CHARS.test(repository)) return undefined;
  if (!checkRegistry(registry)) return undefined;
  if (registry === '' || registry === 'docker.io') registry = DEFAULT_REGISTRY;
  if (!repository.includes('/') && registry === DEFAULT_REGISTRY) repository = `library/${repository}`;
  return { registry, repository };
}

function newTagReference(name: string): ImageRepository | undefined {
  const parts = name.split(':');
  let base = name;
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && !last.includes('/')) {
    base = parts.slice(0, -1).join(':');
    const n = runeCount(last);
    if (n < 1 || n > 128 || !TAG_CHARS.test(last)) return undefined;
  }
  return newRepository(base);
}

function newDigestReference(name: string): ImageRepository | undefined {
  const parts = name.split('@');
  if (parts.length !== 2) return undefined;
  const [base = '', digest = ''] = parts;
  if (!digest.startsWith('sha256:') || !SHA256_HEX.test(digest.slice(7))) return undefined;
  const tagged = newTagReference(base);
  return newRepository(tagged === undefined ? base : `${tagged.registry}/${tagged.repository}`);
}

/** Parses an image reference (`[registry/]repo[:tag][@sha256:...]`); undefined when it is not one. */
export function parseImageReference(ref: string): ImageRepository | undefined {
  return newTagReference(ref) ?? newDigestReference(ref);
}

/**
 * Normalizes an image repository URL the way Kargo does: lowercased and sanitized, any tag or
 * digest dropped, Docker Hub spellings (`docker.io/library/nginx`, `index.docker.io/nginx`,
 * `registry-1.docker.io/nginx`) reduced to the bare repository (`nginx`), other registries kept as
 * `registry/repo`. Text that is not an image reference is returned as given.
 */
export function normalizeImageURL(url: string): string {
  const parsed = parseImageReference(sanitizeURL(url.toLowerCase()));
  if (parsed === undefined) return url;
  if (parsed.registry === DEFAULT_REGISTRY || parsed.registry === 'registry-1.docker.io') {
    return parsed.repository.startsWith('library/') ? parsed.repository.slice(8) : parsed.repository;
  }
  return `${parsed.registry}/${parsed.repository}`;
}

/**
 * Normalizes a Helm chart repository URL the way Kargo does: sanitized, lowercased, without a
 * leading `oci://`, then normalized as an image URL. So `https://host/path` keeps its form while
 * `http://host:8080` loses its port (the reference parser reads `:8080` as a tag), a quirk kept
 * because Freight ids depend on it.
 */
export function normalizeChartURL(url: string): string {
  let repo = sanitizeURL(url).toLowerCase();
  if (repo.startsWith('oci://')) repo = repo.slice(6);
  return normalizeImageURL(repo);
}
