import { describe, expect, it } from 'vitest';
import { parseArgs, type OptionSpec } from '../../../src/cli/args.js';

const specs: Record<string, OptionSpec[]> = {
  graph: [{ name: 'json' }, { name: 'direction', value: 'dir', choices: ['LR', 'TB'] }],
  validate: [{ name: 'json' }],
};
const parse = (argv: string[]) => parseArgs(argv, (c) => specs[c]);

describe('parseArgs', () => {
  it('takes the first word as the command and mixes options and positionals after it', () => {
    const r = parse(['--no-color', 'graph', 'a', '--json', 'b', '--direction', 'TB']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.args.command).toBe('graph');
    expect(r.args.positionals).toEqual(['a', 'b']);
    expect(Object.fromEntries(r.args.options)).toEqual({ 'no-color': true, json: true, direction: 'TB' });
  });

  it('accepts --name=value, -h, and -- before paths that start with a dash', () => {
    const r = parse(['graph', '--direction=LR', '-h', '--', '--json', '-x']);
    expect(r.ok && Object.fromEntries(r.args.options)).toEqual({ direction: 'LR', help: true });
    expect(r.ok && r.args.positionals).toEqual(['--json', '-x']);
  });

  it('rejects unknown options, including command options before the command', () => {
    expect(parse(['validate', '--nope'])).toEqual({ ok: false, command: 'validate', message: "unknown option '--nope'" });
    expect(parse(['--json', 'validate'])).toMatchObject({ ok: false, message: "unknown option '--json'" });
    expect(parse(['validate', '-z'])).toMatchObject({ ok: false, message: "unknown option '-z'" });
  });

  it('checks option values', () => {
    expect(parse(['graph', '--direction'])).toMatchObject({ ok: false, message: "option '--direction' needs a value (dir)" });
    expect(parse(['graph', '--direction', '--json'])).toMatchObject({ ok: false });
    expect(parse(['graph', '--direction', 'UP'])).toMatchObject({ ok: false, message: "option '--direction' must be one of LR, TB; got 'UP'" });
    expect(parse(['graph', '--json=yes'])).toMatchObject({ ok: false, message: "option '--json' takes no value" });
  });

  it('has no command when only options are given', () => {
    const r = parse(['--version']);
    expect(r.ok && r.args.command).toBeUndefined();
  });
});
