import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliPorts } from '../../../src/cli/io.js';
import { runCli, runCliAsync } from '../../../src/cli/run.js';

/** The repository root, where package.json and examples/ are. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What a run of the command printed and returned. */
export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command in-process, capturing its output. */
export function run(argv: string[], options: { cwd?: string; env?: Record<string, string>; isTTY?: boolean; packageRoot?: string } = {}): Run {
  let stdout = '';
  let stderr = '';
  const code = runCli(
    argv,
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? {},
      isTTY: options.isTTY ?? false,
    },
    options.packageRoot ?? repoRoot,
  );
  return { code, stdout, stderr };
}

/** Writes files into a new temporary directory and returns its path. */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'waybill-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A Stage manifest requesting Freight from `wh`, directly or from upstream Stages. */
export function stageYaml(name: string, sources: { direct?: boolean; stages?: string[] }, namespace = 'demo', warehouse = 'wh'): string {
  const lines = [
    'apiVersion: kargo.akuity.io/v1alpha1',
    'kind: Stage',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  requestedFreight:',
    '  - origin:',
    '      kind: Warehouse',
    `      name: ${warehouse}`,
    '    sources:',
  ];
  if (sources.direct) lines.push('      direct: true');
  if (sources.stages) lines.push('      stages:', ...sources.stages.map((s) => `      - ${s}`));
  lines.push('  promotionTemplate:', '    spec:', '      steps:', '      - uses: argocd-update', '        config:', '          apps:', '          - name: app');
  return `${lines.join('\n')}\n`;
}

/** A Warehouse manifest subscribed to one image. */
export function warehouseYaml(name: string, namespace = 'demo'): string {
  return [
    'apiVersion: kargo.akuity.io/v1alpha1',
    'kind: Warehouse',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  subscriptions:',
    '  - image:',
    '      repoURL: public.ecr.aws/nginx/nginx',
    '',
  ].join('\n');
}

/** Options of {@link runAsync}. */
export interface RunOptions {
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  readonly isTTY?: boolean;
  readonly stderrIsTTY?: boolean;
  readonly ports?: CliPorts;
}

/** Runs the command in-process through `runCliAsync` (every command, asynchronous ones included). */
export async function runAsync(argv: string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCliAsync(
    argv,
    {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? {},
      isTTY: options.isTTY ?? false,
      ...(options.stderrIsTTY !== undefined ? { stderrIsTTY: options.stderrIsTTY } : {}),
      ...(options.ports !== undefined ? { ports: options.ports } : {}),
    },
    repoRoot,
  );
  return { code, stdout, stderr };
}

/**
 * A temporary copy of examples/01-quickstart (Project kargo-demo: Warehouse kargo-demo; Stages dev,
 * staging, prod) in `kargo/`, plus the extra files given.
 */
export function quickstartCopy(extra: Record<string, string> = {}): string {
  const dir = tempProject({});
  cpSync(join(repoRoot, 'examples', '01-quickstart'), join(dir, 'kargo'), { recursive: true, filter: (src) => !src.endsWith('.ts') && !src.endsWith('.md') });
  // The extra files come last, so they may replace the example's own.
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
