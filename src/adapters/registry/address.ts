import { normalizeImageURL, parseImageReference } from '../../urls/index.js';

/** Where a repository lives: the base URL of its registry and its name inside it. */
export interface RepositoryAddress {
  /** `https://host[:port]` (or `http://` for plain-HTTP registries), without a trailing slash. */
  readonly baseUrl: string;
  /** The registry as users name it (`docker.io` for Docker Hub); the key for credentials. */
  readonly registry: string;
  /** The repository path inside the registry (`library/nginx`). */
  readonly name: string;
}

const DOCKER_HUB_API = 'registry-1.docker.io';
const DOCKER_HUB_NAMES = new Set(['index.docker.io', 'docker.io', 'registry-1.docker.io']);

/** True for `localhost`, `127.x.x.x` and `[::1]`, with or without a port. */
function isLoopback(host: string): boolean {
  const bare = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0] ?? '';
  return bare === 'localhost' || bare === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * Finds the registry endpoint and repository name of a repository written the way Kargo
 * normalizes it (`nginx`, `docker.io/library/nginx`, `ghcr.io/org/app`). Docker Hub's API host
 * is `registry-1.docker.io`, and its one-segment names live under `library/`.
 */
export function resolveRepository(repository: string, plainHttp: boolean | readonly string[] | undefined): RepositoryAddress | undefined {
  const parsed = parseImageReference(normalizeImageURL(repository.trim()));
  if (parsed === undefined) return undefined;
  const hub = DOCKER_HUB_NAMES.has(parsed.registry);
  const host = hub ? DOCKER_HUB_API : parsed.registry;
  const http = plainHttp === true || (Array.isArray(plainHttp) && plainHttp.includes(host)) || isLoopback(host);
  return {
    baseUrl: `${http ? 'http' : 'https'}://${host}`,
    registry: hub ? 'docker.io' : host,
    name: hub && !parsed.repository.includes('/') ? `library/${parsed.repository}` : parsed.repository,
  };
}
