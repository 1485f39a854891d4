import type { IdSource } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';

/**
 * The contract every {@link IdSource} must keep, as checks that run under any test runner.
 * `factory` is called once per check.
 */
export function idSourceContract(factory: Factory<IdSource>): ContractCheck[] {
  return [
    {
      name: 'IdSource.next() returns a non-empty string',
      async run() {
        const id = (await factory()).next();
        expectThat(typeof id === 'string', `next() returned ${typeof id}, not a string`);
        expectThat(id.length > 0, 'next() returned an empty string');
      },
    },
    {
      name: 'IdSource.next() never repeats an id',
      async run() {
        const ids = await factory();
        const seen = new Set<string>();
        for (let i = 0; i < 1000; i++) {
          const id = ids.next();
          expectThat(!seen.has(id), `next() returned ${JSON.stringify(id)} twice (call ${i + 1})`);
          seen.add(id);
        }
      },
    },
  ];
}
