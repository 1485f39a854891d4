import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { formatPath } from '../errors/index.js';
import { parseGoDuration } from '../pipeline/index.js';

/** The names the configuration file is looked for under, in the working directory. */
export const CONFIG_FILE_NAMES = ['waybill.config.yaml', 'waybill.config.yml'] as const;

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the name of an environment variable (letters, digits and _)');
const duration = z.string().refine((text) => parseGoDuration(text).ok && (parseGoDuration(text) as { value: number }).value > 0, {
  message: 'must be a positive Go duration such as "30s", "2m" or "1h30m"',
});
const credentialFields = {
  /** The variable holding the user name. */
  usernameEnv: envName.optional(),
  /** The variable holding the password (or an access token used as one). */
  passwordEnv: envName.optional(),
  /** The variable holding a token: a bearer token for registries, a password for Git and charts. */
  tokenEnv: envName.optional(),
};

const registryEntry = z.strictObject({
  url: z.string().min(1, 'must name a registry, such as ghcr.io or ghcr.io/acme'),
  ...credentialFields,
  plainHttp: z.boolean().optional(),
});
const gitEntry = z.strictObject({
  url: z.string().min(1, 'must be a repository URL or a pattern with *, such as https://github.com/acme/*'),
  ...credentialFields,
  insecureSkipTLSVerify: z.boolean().optional(),
});
const chartEntry = z.strictObject({
  url: z.string().min(1, 'must be a chart repository URL, such as https://charts.example.com or oci://ghcr.io/acme/charts'),
  ...credentialFields,
});

/** The schema of `waybill.config.yaml`. */
export const configSchema = z.strictObject({
  /** Manifest files and directories read when a command is given none (relative to the file). */
  manifests: z.array(z.string().min(1)).optional(),
  /** The state file (relative to the file). */
  state: z.string().min(1).optional(),
  registries: z.array(registryEntry).optional(),
  git: z.array(gitEntry).optional(),
  charts: z.array(chartEntry).optional(),
  timeouts: z.strictObject({ registry: duration.optional(), git: duration.optional(), charts: duration.optional() }).optional(),
  /** Modules that build ports to use instead of the real adapters (relative to the file). */
  ports: z.strictObject({ registry: z.string().min(1).optional(), git: z.string().min(1).optional(), charts: z.string().min(1).optional() }).optional(),
  /** Cluster access, as --kubeconfig and --context give it. */
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
});

/** A valid configuration, as written. */
export type WaybillConfig = z.infer<typeof configSchema>;
/** One `registries` entry. */
export type RegistryConfigEntry = z.infer<typeof registryEntry>;
/** One `git` entry. */
export type GitConfigEntry = z.infer<typeof gitEntry>;
/** One `charts` entry. */
export type ChartConfigEntry = z.infer<typeof chartEntry>;

/** A problem with the configuration file, placed in it. */
export interface ConfigIssue {
  readonly code: 'CONFIG_YAML' | 'CONFIG_INVALID';
  readonly message: string;
  readonly path: readonly (string | number)[];
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** The configuration in effect: from a file, or the empty one when there is none. */
export interface LoadedConfig {
  readonly config: WaybillConfig;
  /** The file it was read from, as given or found; `undefined` when there is none. */
  readonly file: string | undefined;
  /** The directory relative paths of the file are resolved against (the working directory without a file). */
  readonly dir: string;
}

/** The outcome of {@link loadConfig}. */
export type ConfigResult = { readonly ok: true; readonly value: LoadedConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[]; readonly missing?: string };

/** Keys that would hold a secret in the file itself, which the configuration refuses. */
const SECRET_KEYS = new Set(['username', 'password', 'token', 'secret', 'bearerToken', 'auth']);

/**
 * Reads the configuration: the file `--config` names (it must exist), else `waybill.config.yaml`
 * (or `.yml`) in the working directory when there is one, else the empty configuration. Problems
 * come back with their line and column.
 */
export function loadConfig(cwd: string, explicit: string | undefined): ConfigResult {
  let file: string | undefined = explicit;
  if (file === undefined) file = CONFIG_FILE_NAMES.find((name) => existsSync(resolve(cwd, name)));
  if (file === undefined) return { ok: true, value: { config: {}, file: undefined, dir: cwd } };
  const absolute = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    return { ok: false, issues: [], missing: file };
  }
  const parsed = parseConfigText(text, file);
  return parsed.ok ? { ok: true, value: { config: parsed.value, file, dir: dirname(absolute) } } : parsed;
}

/** Parses and checks the text of a configuration file. */
export function parseConfigText(text: string, file: string): { readonly ok: true; readonly value: WaybillConfig } | { readonly ok: false; readonly issues: readonly ConfigIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { code: 'CONFIG_YAML', message: e.message.split('\n')[0] ?? e.message, path: [], file, line: at.line, column: at.col } as const;
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    return { ok: false, issues: [{ code: 'CONFIG_YAML', message: `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`, path: [], file, line: 1, column: 1 }] };
  }
  const checked = configSchema.safeParse(value);
  if (checked.success) return { ok: true, value: checked.data };
  const place = (path: readonly (string | number)[]): { line?: number; column?: number } => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const at = lines.linePos(node.range[0]);
        return { line: at.line, column: at.col };
      }
    }
    return {};
  };
  const issues: ConfigIssue[] = [];
  for (const issue of checked.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const message = SECRET_KEYS.has(key)
          ? `${JSON.stringify(key)} would put a secret in the file; name the environment variable that holds it instead (${key === 'token' || key === 'bearerToken' ? 'tokenEnv' : key === 'username' ? 'usernameEnv' : 'passwordEnv'})`
          : `unknown key ${JSON.stringify(key)}`;
        // Point at the key itself: the value node of the parent map has no node for an unknown key's path.
        const keyNode = findKeyNode(doc.getIn(path, true), key);
        const at = keyNode === undefined ? place(path) : { line: lines.linePos(keyNode).line, column: lines.linePos(keyNode).col };
        issues.push({ code: 'CONFIG_INVALID', message, path: [...path, key], file, ...at });
      }
      continue;
    }
    issues.push({ code: 'CONFIG_INVALID', message: issue.message, path, file, ...place(path) });
  }
  return { ok: false, issues };
}

function findKeyNode(map: unknown, key: string): number | undefined {
  const items = (map as { items?: { key?: unknown }[] } | undefined)?.items;
  if (!Array.isArray(items)) return undefined;
  for (const item of items) {
    const k = item.key;
    if (isNode(k) && (k as { value?: unknown }).value === key && k.range) return k.range[0];
  }
  return undefined;
}

/** Prints configuration issues as `file:line:col error CODE message (at path)`. */
export function renderConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues
    .map((i) => {
      const where = i.line === undefined ? i.file : `${i.file}:${i.line}:${i.column ?? 1}`;
      const at = i.path.length > 0 ? ` (at ${formatPath(i.path)})` : '';
      return `${where} error ${i.code} ${i.message}${at}\n`;
    })
    .join('');
}

/** The milliseconds of a configured timeout, if there is one. */
export function timeoutMs(config: WaybillConfig, port: 'registry' | 'git' | 'charts'): number | undefined {
  const text = config.timeouts?.[port];
  if (text === undefined) return undefined;
  const parsed = parseGoDuration(text);
  return parsed.ok ? parsed.value : undefined;
}
