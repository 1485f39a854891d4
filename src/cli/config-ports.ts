import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createGitAdapter, type GitCredentials } from '../adapters/git/index.js';
import { createHelmAdapter, type ChartCredentials } from '../adapters/helm/index.js';
import { createRegistryAdapter, type RegistryCredentials } from '../adapters/registry/index.js';
import type { DiscoveryPorts } from '../discovery/index.js';
import type { ChartRepositoryPort, GitPort, RegistryPort } from '../ports/index.js';
import { timeoutMs, type LoadedConfig } from './config.js';
import type { CliPorts } from './io.js';

/** The ports discovery reads through, with what must be done once they are no longer needed. */
export interface OpenedPorts {
  readonly ports: DiscoveryPorts;
  /** Where each port came from: `adapter`, `config` (a module the configuration names) or `injected`. */
  readonly sources: Readonly<Record<keyof DiscoveryPorts, 'adapter' | 'config' | 'injected'>>;
  /** Things worth telling the user (a credential variable that is not set). */
  readonly warnings: readonly string[];
  /** Removes temporary files (the Git adapter's clone cache). */
  close(): Promise<void>;
}

/** The result of {@link openPorts}: the ports, or why a port module could not be loaded. */
export type OpenPortsResult = { readonly ok: true; readonly value: OpenedPorts } | { readonly ok: false; readonly message: string };

interface CredentialEntry {
  readonly url: string;
  readonly usernameEnv?: string | undefined;
  readonly passwordEnv?: string | undefined;
  readonly tokenEnv?: string | undefined;
}

/** Strips the scheme, `.git` and trailing slashes, so `https://github.com/a/b.git` and `github.com/a/b` compare equal. */
function bareLocation(url: string): string {
  return url
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .toLowerCase();
}

/**
 * True when a configured location covers a repository: the same location, a path prefix of it
 * (`ghcr.io/acme` covers `ghcr.io/acme/app`), or a glob where `*` matches any run of characters
 * (`https://github.com/acme/*`). Schemes, user info, `.git` and case are ignored.
 */
export function matchesLocation(pattern: string, location: string): boolean {
  const p = bareLocation(pattern);
  const l = bareLocation(location);
  if (p.includes('*')) {
    // A glob of our own configuration format, compiled with every other character escaped.
    const source = p
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    return new RegExp(`^${source}$`).test(l);
  }
  return l === p || l.startsWith(`${p}/`);
}

/** The first entry that covers `location`. */
function entryFor<E extends CredentialEntry>(entries: readonly E[] | undefined, location: string): E | undefined {
  return (entries ?? []).find((e) => matchesLocation(e.url, location));
}

function readEnv(env: Readonly<Record<string, string | undefined>>, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A user name and secret from the variables an entry names; a token stands for the password. */
function basicCredentials(entry: CredentialEntry | undefined, env: Readonly<Record<string, string | undefined>>): { username: string; password: string } | undefined {
  if (entry === undefined) return undefined;
  const password = readEnv(env, entry.passwordEnv) ?? readEnv(env, entry.tokenEnv);
  if (password === undefined) return undefined;
  return { username: readEnv(env, entry.usernameEnv) ?? 'x-access-token', password };
}

/** Variables the configuration names that are not set: their entries are read anonymously. */
function unsetVariables(loaded: LoadedConfig, env: Readonly<Record<string, string | undefined>>): string[] {
  const out: string[] = [];
  const check = (list: string, entries: readonly CredentialEntry[] | undefined): void => {
    (entries ?? []).forEach((e, i) => {
      for (const field of ['usernameEnv', 'passwordEnv', 'tokenEnv'] as const) {
        const name = e[field];
        if (name !== undefined && readEnv(env, name) === undefined) out.push(`${list}[${i}].${field} names ${name}, which is not set; ${e.url} is read without it`);
      }
    });
  };
  check('registries', loaded.config.registries);
  check('git', loaded.config.git);
  check('charts', loaded.config.charts);
  return out;
}

/**
 * A module named in the configuration's `ports`: its `createPort(context)` or default export (a
 * function or the port itself) gives the port. The context says which port is wanted
 * (`registry`, `git` or `charts`, so one module can serve all three) and carries the environment
 * and the configuration, so a module can read its own settings.
 */
async function loadPortModule<T>(specifier: string, port: keyof DiscoveryPorts, loaded: LoadedConfig, env: Readonly<Record<string, string | undefined>>): Promise<T> {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(specifier) && !/^[a-z]:[\\/]/i.test(specifier) ? specifier : pathToFileURL(resolve(loaded.dir, specifier)).href;
  const mod = (await import(url)) as { createPort?: unknown; default?: unknown };
  const factory = mod.createPort ?? mod.default;
  const made: unknown = typeof factory === 'function' ? await (factory as (c: unknown) => unknown)({ port, env, config: loaded.config }) : factory;
  if (typeof made !== 'object' || made === null) throw new Error(`${specifier} exports no port (export createPort(), or a default port or function)`);
  return made as T;
}

/**
 * Builds the ports discovery reads through: injected ports first, then the modules the
 * configuration's `ports` names, then the real adapters (OCI registries over HTTP, Git through
 * the git command, Helm repositories), with credentials read from the environment variables the
 * configuration names and never from the file itself.
 */
export async function openPorts(loaded: LoadedConfig, env: Readonly<Record<string, string | undefined>>, injected: CliPorts | undefined): Promise<OpenPortsResult> {
  const { config } = loaded;
  const closers: (() => Promise<void>)[] = [];
  const sources: Record<keyof DiscoveryPorts, 'adapter' | 'config' | 'injected'> = { registry: 'adapter', git: 'adapter', charts: 'adapter' };
  const pick = async <T>(name: keyof DiscoveryPorts, fromInjected: T | undefined, build: () => T): Promise<T> => {
    if (fromInjected !== undefined) {
      sources[name] = 'injected';
      return fromInjected;
    }
    const module = config.ports?.[name];
    if (module !== undefined) {
      sources[name] = 'config';
      return loadPortModule<T>(module, name, loaded, env);
    }
    return build();
  };
  const plainHosts = (config.registries ?? []).filter((r) => r.plainHttp === true).map((r) => bareLocation(r.url).split('/')[0] ?? '');
  try {
    const registry = await pick<RegistryPort>('registry', injected?.registry, () =>
      createRegistryAdapter({
        credentials: ({ registry: host, repository }): RegistryCredentials | undefined => {
          const entry = entryFor(config.registries, `${host}/${repository}`);
          const token = entry?.usernameEnv === undefined && entry?.passwordEnv === undefined ? readEnv(env, entry?.tokenEnv) : undefined;
          if (token !== undefined) return { bearerToken: token };
          return basicCredentials(entry, env);
        },
        ...(plainHosts.length > 0 ? { plainHttp: plainHosts } : {}),
        ...(timeoutMs(config, 'registry') !== undefined ? { timeoutMs: timeoutMs(config, 'registry') } : {}),
      }),
    );
    const git = await pick<GitPort>('git', injected?.git, () => {
      const adapter = createGitAdapter({
        credentials: (repoURL): GitCredentials | undefined => basicCredentials(entryFor(config.git, repoURL), env),
        insecureSkipTLSVerify: (repoURL) => entryFor(config.git, repoURL)?.insecureSkipTLSVerify === true,
        ...(timeoutMs(config, 'git') !== undefined ? { timeoutMs: timeoutMs(config, 'git') } : {}),
      });
      closers.push(() => adapter.close());
      return adapter;
    });
    const charts = await pick<ChartRepositoryPort>('charts', injected?.charts, () =>
      createHelmAdapter({
        credentials: ({ repoURL }): ChartCredentials | undefined => basicCredentials(entryFor(config.charts, repoURL), env),
        ...(timeoutMs(config, 'charts') !== undefined ? { timeoutMs: timeoutMs(config, 'charts') } : {}),
        ...(plainHosts.length > 0 ? { registryOptions: { plainHttp: plainHosts } } : {}),
      }),
    );
    return {
      ok: true,
      value: {
        ports: { registry, git, charts },
        sources,
        warnings: unsetVariables(loaded, env),
        close: async () => {
          for (const close of closers) await close().catch(() => undefined);
        },
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    return { ok: false, message: `cannot load a port module: ${error instanceof Error ? error.message : String(error)}` };
  }
}
