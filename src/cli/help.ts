/** A manual page, git style. */
interface Page {
  readonly name: string;
  readonly synopsis: readonly string[];
  readonly description: string;
  readonly options: readonly (readonly [string, string])[];
  readonly examples: readonly (readonly [string, string])[];
  readonly exitStatus?: boolean;
}

const commonOptions: readonly (readonly [string, string])[] = [
  ['-h, --help', 'Show this page and exit.'],
  ['--no-color', 'Never colour the output. Colour is otherwise used only when standard output is a terminal and NO_COLOR is not set.'],
];

const exitStatus = `EXIT STATUS
    0   Success. Warnings may have been printed.
    1   Errors were found in the input.
    2   Usage error: unknown command or option, missing argument, or a path that does not exist.
    3   Internal error in waybill (please report it).`;

const pages: Readonly<Record<string, Page>> = {
  waybill: {
    name: 'waybill - check and explore Kargo promotion pipelines',
    synopsis: ['waybill [--version] [--help] [--no-color] <command> [<args>]'],
    description: `waybill reads Kargo resources (kargo.akuity.io/v1alpha1: Project, ProjectConfig, Warehouse,
Stage, Promotion, Freight, PromotionTask, ClusterPromotionTask) from YAML files and checks them
without a cluster.

Commands:
    validate   Check manifests and report problems with their file, line and column.
    graph      Print the promotion graph of Warehouses and Stages as a Mermaid flowchart.
    plan       Show what promoting a piece of Freight to a Stage would do, without doing it.
    demo       Validate the quickstart example of the repository and show its pipeline.
    help       Show the manual page of a command.`,
    options: [
      ['--version', 'Print the version of waybill and exit.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill validate kargo/', 'Check every .yaml and .yml file under kargo/.'],
      ['waybill graph kargo/ > pipeline.mmd', 'Write the pipeline as a Mermaid diagram.'],
      ['waybill help validate', 'Read the manual page of validate.'],
    ],
    exitStatus: true,
  },
  validate: {
    name: 'waybill-validate - check Kargo manifests',
    synopsis: ['waybill validate [--json] [--no-color] <path>...'],
    description: `Reads every file given and every .yaml and .yml file found under the directories given
(recursively, skipping hidden directories and node_modules), parses the Kargo resources in them
and checks them: YAML syntax, each resource against its schema, and the promotion graph of each
Project (upstream Stages and Warehouses that do not exist, Stages that form a cycle).

Each problem is printed as

    file:line:col severity CODE message (at path)

followed by the offending lines with a caret under the place in question. Every CODE is
explained in docs/reference/errors.md. A summary line ends the report.`,
    options: [
      ['--json', 'Print one JSON document instead (format "waybill.validate/v1", see docs/reference/cli.md): { format, ok, summary: { files, resources, errors, warnings }, files: [{ file, resources: [{ kind, name, namespace }] }], issues: [{ code, message, path, severity, file, line, column, endLine, endColumn }] }.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill validate stage.yaml warehouse.yaml', 'Check two files.'],
      ['waybill validate --json kargo/ | jq .summary', 'Count problems from a script.'],
    ],
    exitStatus: true,
  },
  graph: {
    name: 'waybill-graph - print the promotion graph of Warehouses and Stages',
    synopsis: ['waybill graph [--format <mermaid|dot|json>] [--json] [--direction <LR|TB|RL|BT>] [--no-color] <path>...'],
    description: `Reads the Warehouses and Stages found in the files and directories given, like validate, and
prints how Freight flows between them as a Mermaid flowchart: an edge from a Warehouse to each
Stage that takes its Freight directly (sources.direct), and an edge from each upstream Stage
named in sources.stages. Edges carry the origin Warehouse's name when Freight of more than one
origin flows through the graph. Warehouses are drawn as cylinders; Stages and Warehouses that
are referenced but not defined are drawn dashed. --format dot prints the same graph in
Graphviz DOT instead (render it with dot -Tsvg).

Resources are grouped by namespace (one Kargo Project each); with more than one Project, one
chart is printed per Project, each headed by a comment (%% or //) naming it. Problems are printed
to standard error.`,
    options: [
      ['--format <format>', 'mermaid (default): a Mermaid flowchart; dot: Graphviz DOT; json: the same as --json.'],
      ['--json', 'Print one JSON document instead (format "waybill.graph/v1", see docs/reference/cli.md): { format, ok, projects: [{ namespace, graph: { format, nodes, edges } }], issues }.'],
      ['--direction <dir>', 'Layout direction of the chart: LR (default), TB, RL or BT.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill graph examples/01-quickstart', 'Print the quickstart pipeline.'],
      ['waybill graph --direction TB kargo/ > pipeline.mmd', 'Write a top-to-bottom diagram.'],
      ['waybill graph --format dot kargo/ | dot -Tsvg > pipeline.svg', 'Draw the pipeline with Graphviz.'],
    ],
    exitStatus: true,
  },
  plan: {
    name: 'waybill-plan - show what a promotion would do, without doing it',
    synopsis: ['waybill plan --stage <stage> --freight <freight> [--repo <path>] [--now <time>] [--name <promotion>] [--json] [--no-color] <path>...'],
    description: `Reads the manifests found in the files and directories given, like validate, builds the
Promotion of the Freight (by name or alias) into the Stage from the Stage's promotion template
(PromotionTasks inflated), and runs its steps against recording stand-ins: nothing is written,
pushed, opened or synced. It prints the plan: the diff of every file the promotion would change
first, then the commits, pushes, pull requests, Argo CD changes, HTTP requests and the outcome of
each step. Steps that would wait (for a pull request, a sync) are shown as waiting and counted as
done.

--repo names a local folder whose files stand for the content of the Git repositories the
template clones (every repository, branch, commit and tag it names; a branch cloned with
create: true starts empty). Without it, clones start empty. No cluster is reached: the
Argo CD Applications a step names are assumed to exist, authorized for the Stage, and marked
"assumed" in the plan. Commit ids are predictions and pull request numbers placeholders.`,
    options: [
      ['--stage <stage>', 'The Stage to promote to (required).'],
      ['--freight <freight>', 'The Freight to promote, by name or alias (required); its manifest must be among the files read, in the Stage\'s namespace.'],
      ['--repo <path>', 'A folder whose files stand for the repository content the template clones.'],
      ['--now <time>', 'The time of the promotion (RFC 3339); default: now. Fix it to make plans comparable.'],
      ['--name <promotion>', 'The Promotion\'s name; default <stage>.plan.<freight[0:7]>.'],
      ['--json', 'Print one JSON document instead (format "waybill.plan/v1", see docs/reference/cli.md): { format, ok, plan: { promotion, stage, freight, phase, files, checkouts, commits, pushes, tags, pullRequests, argocd, http, steps, outputs, issues }, issues }.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill plan kargo/ --stage dev --freight abc1234 --repo ../gitops', 'Show what promoting abc1234 to dev would change in ../gitops.'],
      ['waybill plan --json kargo/ --stage dev --freight abc1234 --repo . | jq .plan.files', 'The changed files, for a CI bot.'],
    ],
    exitStatus: true,
  },
  demo: {
    name: 'waybill-demo - show waybill on the Kargo quickstart project',
    synopsis: ['waybill demo [--no-color]'],
    description: `Validates the example project in examples/01-quickstart (the Project, ProjectConfig, Warehouse
and the dev, staging and prod Stages of Kargo's quickstart), then prints its pipeline as a
Mermaid flowchart and as a list of Stages with where each takes its Freight from. Works offline.
It needs a clone of the waybill repository, where the example lives (npm run demo).`,
    options: commonOptions,
    examples: [['npm run demo', 'Run it from a clone of the repository.']],
    exitStatus: true,
  },
  help: {
    name: 'waybill-help - show the manual page of a command',
    synopsis: ['waybill help [<command>]', 'waybill <command> --help'],
    description: 'Prints the manual page of the command named, or of waybill itself without one.',
    options: commonOptions,
    examples: [['waybill help graph', 'Read about graph.']],
  },
};

/** The names of the commands that have a manual page. */
export const helpTopics: readonly string[] = Object.keys(pages).filter((p) => p !== 'waybill');

/** The manual page of `topic` (a command name, or `waybill`), or `undefined` if there is none. */
export function renderHelp(topic: string, bold: (s: string) => string = (s) => s): string | undefined {
  const page = Object.hasOwn(pages, topic) ? pages[topic] : undefined;
  if (page === undefined) return undefined;
  const indent = (text: string): string =>
    text
      .split('\n')
      .map((l) => (l === '' ? '' : `    ${l}`))
      .join('\n');
  const sections = [
    `${bold('NAME')}\n${indent(page.name)}`,
    `${bold('SYNOPSIS')}\n${page.synopsis.map((s) => indent(s)).join('\n')}`,
    `${bold('DESCRIPTION')}\n${indent(page.description)}`,
    `${bold('OPTIONS')}\n${page.options.map(([flag, text]) => `${indent(flag)}\n${indent(indent(wrap(text, 72)))}`).join('\n\n')}`,
    `${bold('EXAMPLES')}\n${page.examples.map(([cmd, text]) => `${indent(`$ ${cmd}`)}\n${indent(indent(text))}`).join('\n\n')}`,
  ];
  if (page.exitStatus) sections.push(exitStatus.replace('EXIT STATUS', bold('EXIT STATUS')));
  return `${sections.join('\n\n')}\n`;
}

/** The one-line usage of a command, shown after a usage error. */
export function usageOf(command: string | undefined): string {
  const page = (command !== undefined && Object.hasOwn(pages, command) ? pages[command] : undefined) ?? pages['waybill'];
  return (page?.synopsis ?? []).map((s, i) => `${i === 0 ? 'usage: ' : '   or: '}${s}`).join('\n');
}

function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
