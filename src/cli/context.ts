import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';
import type { Styles } from './output.js';

/** What every command is run with. */
export interface CommandContext {
  readonly args: ParsedArgs;
  readonly io: CliIo;
  readonly styles: Styles;
  /** The root of the waybill package (where its package.json is), if it could be found. */
  readonly packageRoot: string | undefined;
}

/** Prints a usage error the git way (`waybill: <message>` then the usage) and returns exit code 2. */
export function usageError(ctx: Pick<CommandContext, 'io'>, message: string, usage: string): 2 {
  ctx.io.stderr(`waybill: ${message}\n${usage}\n`);
  return 2;
}
