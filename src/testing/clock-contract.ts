import type { Clock } from '../ports/index.js';
import { expectThat, type ContractCheck, type Factory } from './contract.js';

/**
 * The contract every {@link Clock} must keep, as checks that run under any test runner. `factory`
 * is called once per check.
 */
export function clockContract(factory: Factory<Clock>): ContractCheck[] {
  return [
    {
      name: 'Clock.now() returns a valid Date',
      async run() {
        const now = (await factory()).now();
        expectThat(now instanceof Date, `now() returned ${typeof now}, not a Date`);
        expectThat(Number.isFinite(now.getTime()), 'now() returned an Invalid Date');
      },
    },
    {
      name: 'Clock.now() never goes backwards',
      async run() {
        const clock = await factory();
        let previous = clock.now().getTime();
        for (let i = 0; i < 100; i++) {
          const next = clock.now().getTime();
          expectThat(next >= previous, `now() went backwards from ${previous} to ${next}`);
          previous = next;
        }
      },
    },
    {
      name: 'Clock.now() returns a fresh Date each call',
      async run() {
        const clock = await factory();
        const first = clock.now();
        const seen = first.getTime();
        // A caller that mutates the Date it was given must not move the clock.
        first.setTime(seen - 86_400_000);
        const second = clock.now();
        expectThat(second !== first, 'now() returned the same Date object twice');
        expectThat(second.getTime() >= seen, 'mutating a Date returned by now() changed the clock');
      },
    },
  ];
}
