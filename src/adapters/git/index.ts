/**
 * The Git adapter: waybill's Git port backed by the `git` command (through `child_process`), for
 * discovering commits and tags with their changed paths and for working on checkouts during a
 * promotion. The port and this adapter are not published yet; this subpath currently only
 * describes itself, so that tools can list it.
 * @packageDocumentation
 */
import type { AdapterDescription } from '../../ports/index.js';

/** What this subpath provides. `available` turns `true` when the adapter ships. */
export const gitAdapter: AdapterDescription = {
  name: 'git',
  subpath: 'waybill/adapters/git',
  implements: ['GitPort'],
  available: false,
  summary: 'Commits, tags, changed paths and checkouts through the git command.',
};
