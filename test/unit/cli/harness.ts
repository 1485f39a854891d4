import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/run.js';

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
