import { createIssue } from '../errors/index.js';
import { err, ok, type Result } from '../result.js';
import { ALIAS_ADJECTIVES, ALIAS_ANIMALS } from './alias-words.js';
import { sha1Hex } from './sha1.js';

/**
 * Proposes an alias for a Freight. `seed` is the Freight id; `attempt` counts from 0 and grows
 * each time the previous proposal was taken, so a source must give different names for different
 * attempts.
 */
export type AliasSource = (seed: string, attempt: number) => string;

/**
 * The default alias source: a `<adjective>-<animal>` name (like Kargo's) chosen from the SHA-1 of
 * the seed and attempt, so the same Freight always gets the same proposals. Kargo picks aliases at
 * random; waybill derives them so runs can be reproduced.
 */
export const deterministicAliasSource: AliasSource = (seed, attempt) => {
  const digest = sha1Hex(`${seed}#${attempt}`);
  const a = Number.parseInt(digest.slice(0, 8), 16) % ALIAS_ADJECTIVES.length;
  const b = Number.parseInt(digest.slice(8, 16), 16) % ALIAS_ANIMALS.length;
  return `${ALIAS_ADJECTIVES[a]}-${ALIAS_ANIMALS[b]}`;
};

/** Options of {@link pickAlias}. */
export interface PickAliasOptions {
  /** The seed handed to the source, normally the Freight id. */
  readonly seed: string;
  /** True when an alias is already used (Kargo checks across all namespaces). Default: nothing is taken. */
  readonly isTaken?: ((alias: string) => boolean) | undefined;
  /** Where proposals come from. Default {@link deterministicAliasSource}. */
  readonly source?: AliasSource | undefined;
  /** Proposals to try before giving up. Default 1000. */
  readonly maxAttempts?: number | undefined;
}

/**
 * Picks the first proposed alias that is not taken, as Kargo's admission does for Freight created
 * without one. Gives `FREIGHT_ALIAS_EXHAUSTED` when every proposal within `maxAttempts` is taken.
 */
export function pickAlias(options: PickAliasOptions): Result<string> {
  const source = options.source ?? deterministicAliasSource;
  const isTaken = options.isTaken ?? (() => false);
  const attempts = options.maxAttempts ?? 1000;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const alias = source(options.seed, attempt);
    if (typeof alias === 'string' && alias !== '' && !isTaken(alias)) return ok(alias);
  }
  return err(createIssue('FREIGHT_ALIAS_EXHAUSTED', `no free alias found in ${attempts} attempts`, { path: ['alias'] }));
}
