/**
 * One named check of a contract suite. `run` resolves when the implementation passes and rejects
 * with a {@link ContractViolation} (or whatever the implementation threw) when it does not.
 */
export interface ContractCheck {
  readonly name: string;
  run(): Promise<void>;
}

/** Makes a fresh instance of the implementation under test, for each check. */
export type Factory<T> = () => T | Promise<T>;

/** The error a contract check fails with: which check, and what was wrong. */
export class ContractViolation extends Error {
  override readonly name = 'ContractViolation';
}

/** The outcome of one check run by {@link runContract}. */
export interface ContractOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** Why the check failed, when it did. */
  readonly error?: unknown;
}

/** Fails the current check with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractViolation(message);
}

/**
 * Runs every check in order and reports each outcome, never throwing. Useful outside a test
 * runner; inside one, register each check as its own test instead
 * (`for (const c of checks) test(c.name, c.run)`).
 */
export async function runContract(checks: readonly ContractCheck[]): Promise<ContractOutcome[]> {
  const outcomes: ContractOutcome[] = [];
  for (const check of checks) {
    try {
      await check.run();
      outcomes.push({ name: check.name, passed: true });
    } catch (error) {
      outcomes.push({ name: check.name, passed: false, error });
    }
  }
  return outcomes;
}
