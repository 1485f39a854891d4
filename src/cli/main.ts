/**
 * The `waybill` command: `validate`, `graph`, `plan`, `get`, `discover`, `promote`, `approve`,
 * `explain`, `simulate`, `demo`, `help`. See `waybill --help` and docs/reference/cli.md.
 */
import { runCliAsync } from './run.js';

/**
 * `npm run waybill -- validate <path>` runs with the package root as working directory; paths the
 * user typed are relative to where npm was invoked (INIT_CWD). Only this repository's own script
 * is adjusted: elsewhere INIT_CWD may name a directory other than the one the command runs in.
 */
function workingDirectory(env: NodeJS.ProcessEnv): string {
  const ownScript = env['npm_package_name'] === 'waybill' && env['npm_lifecycle_event'] === 'waybill';
  return ownScript && env['INIT_CWD'] ? env['INIT_CWD'] : process.cwd();
}

process.exitCode = await runCliAsync(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: workingDirectory(process.env),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
});
