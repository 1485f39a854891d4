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
    1   Errors were found in the input, or the answer is no: Freight not available, a promotion
        refused or failed, a resource not found.
    2   Usage error: unknown command or option, missing argument, a path that does not exist,
        a configuration file with errors.
    3   Internal error in waybill (please report it).
    4   A port failed: a registry, Git or chart repository, or the cluster could not be read or
        refused access.`;

/** Options every command that reads Kargo resources from manifests, a state file or a cluster takes. */
const worldHelp: readonly (readonly [string, string])[] = [
  ['-f, --manifests <path>', 'A manifest file or directory to read (repeatable); default: the manifests the configuration file lists.'],
  ['--state <file>', 'The state file that keeps what the controller created and recorded (default <first manifests directory>/.waybill/state.json, or state: in the configuration file).'],
  ['--cluster', 'Read and write the Kargo resources of a cluster instead (KUBECONFIG, --kubeconfig, --context).'],
  ['--kubeconfig <file>', 'The kubeconfig for the cluster (implies --cluster; default KUBECONFIG, then ~/.kube/config).'],
  ['--context <name>', 'The kubeconfig context for the cluster (implies --cluster).'],
  ['--config <file>', 'The configuration file (default waybill.config.yaml in the working directory, when there is one).'],
  ['--project <project>', 'The Project (namespace) to work in; default: the only Project the resources have.'],
  ['--now <time>', 'The time to act at, RFC 3339 (default: now). Fix it to make output comparable.'],
];

const pages: Readonly<Record<string, Page>> = {
  waybill: {
    name: 'waybill - check, explore and run Kargo promotion pipelines',
    synopsis: ['waybill [--version] [--help] [--no-color] <command> [<args>]'],
    description: `waybill reads Kargo resources (kargo.akuity.io/v1alpha1: Project, ProjectConfig, Warehouse,
Stage, Promotion, Freight, PromotionTask, ClusterPromotionTask) from YAML files, checks them,
and runs Kargo's promotion semantics on them: on a directory of manifests with a state file, or
on a cluster.

Commands:
    validate   Check manifests and report problems with their file, line and column.
    graph      Print the promotion graph of Warehouses and Stages as a Mermaid flowchart.
    plan       Show what promoting a piece of Freight to a Stage would do, without doing it.
    get        List Projects, Warehouses, Freight, Stages or Promotions.
    discover   Run a Warehouse's discovery and show the Freight it would create.
    promote    Promote Freight to a Stage (and, with --run, run the promotion).
    approve    Approve Freight for a Stage.
    explain    Say why Freight is, or is not, available to a Stage.
    simulate   Run a pipeline against a script of events and print the timeline.
    demo       Run the Kargo quickstart end to end on this machine.
    help       Show the manual page of a command.`,
    options: [
      ['--version', 'Print the version of waybill and exit.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill validate kargo/', 'Check every .yaml and .yml file under kargo/.'],
      ['waybill graph kargo/ > pipeline.mmd', 'Write the pipeline as a Mermaid diagram.'],
      ['waybill get stages -f kargo/', 'List the Stages with their current Freight.'],
      ['waybill help promote', 'Read the manual page of promote.'],
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
  get: {
    name: 'waybill-get - list Projects, Warehouses, Freight, Stages or Promotions',
    synopsis: ['waybill get <projects|warehouses|freight|stages|promotions> [<name>...] [--project <project>] [--stage <stage>] [-o <table|json|yaml|name>] [--json] [--no-headers] [-f <path>]... [--state <file>] [--cluster]'],
    description: `Lists Kargo resources the way the Kargo CLI does, from the manifests and the state file (what
promote, approve and the controller recorded), or from a cluster with --cluster. Without names,
every resource of the kind in the Project is listed; with names, only those (Freight is found by
its alias as well). The columns are Kargo's:

    projects     NAME  READY  STATUS  AGE
    warehouses   NAME  SHARD  AGE
    freight      NAME  ALIAS  ORIGIN  AGE
    stages       NAME  SHARD  CURRENT FREIGHT  HEALTH  READY  STATUS  AGE
    promotions   NAME  SHARD  STAGE  FREIGHT  PHASE  AGE

When the resources span several Projects and none is chosen, a PROJECT column comes first. The
AGE of Freight counts from its discovery.`,
    options: [
      ['-o, --output <format>', 'table (default); json or yaml: the resource itself for one name, else a List; name: kind.kargo.akuity.io/<name> per line.'],
      ['--json', 'The same as -o json.'],
      ['--stage <stage>', 'With promotions: only the Promotions of this Stage.'],
      ['--no-headers', 'Leave the header line out of a table.'],
      ...worldHelp,
      ...commonOptions,
    ],
    examples: [
      ['waybill get stages -f kargo/', 'The Stages of the only Project in kargo/.'],
      ['waybill get freight brave-otter -f kargo/ -o yaml', 'One piece of Freight, by alias, as YAML.'],
      ['waybill get promotions --stage prod --cluster --context staging-cluster', 'The Promotions of prod in a cluster.'],
    ],
    exitStatus: true,
  },
  discover: {
    name: 'waybill-discover - run a Warehouse\'s discovery and show the Freight it would create',
    synopsis: ['waybill discover <warehouse> [--create] [--project <project>] [--json] [--config <file>] [-f <path>]... [--cluster]'],
    description: `Reads the Warehouse from the manifests (or the cluster), lists what its subscriptions select
from the real repositories, as Kargo's Warehouse controller does (image tags and digests from OCI
registries, commits or tags from Git, chart versions from Helm repositories), and prints what it
found, best first, and the Freight it would create from the newest of each, minding the
Warehouse's freightCreationPolicy and freightCreationCriteria. Nothing is written unless --create
asks for it. When Freight with the same content exists already, it says so: nothing new was found.

Credentials, plain-HTTP registries and timeouts come from the configuration file
(waybill.config.yaml, see docs/reference/cli.md#configuration). Its ports: section can name
modules that build ports to use instead of the real adapters. Progress is shown on standard
error when it is a terminal.`,
    options: [
      ['--create', 'Record the Freight (in the state file or the cluster) as the Warehouse would, with its status.discoveredArtifacts; with freightCreationPolicy: Manual this is how Freight is made.'],
      ['--json', 'Print one JSON document instead (format "waybill.discover/v1"): { format, ok, project, warehouse, discovered, freight, exists, wouldCreate, note, created, issues }.'],
      ...worldHelp,
      ...commonOptions,
    ],
    examples: [
      ['waybill discover kargo-demo -f kargo/', 'What the kargo-demo Warehouse would find now.'],
      ['GHCR_TOKEN=... waybill discover app -f kargo/ --config ci/waybill.config.yaml --json', 'In CI, with credentials from the environment.'],
    ],
    exitStatus: true,
  },
  promote: {
    name: 'waybill-promote - promote Freight to a Stage',
    synopsis: ['waybill promote --stage <stage> (--freight <name> | --freight-alias <alias> | --origin Warehouse/<name>) [--run] [--json] [-f <path>]... [--state <file>] [--cluster]'],
    description: `Creates a Promotion of the Freight to the Stage as Kargo's API server does: exactly one of
--freight, --freight-alias and --origin; the Freight must exist and be available to the Stage
(see waybill explain); with --origin, the Stage's current auto-promotion candidate from that
Warehouse is promoted. The Promotion is named <stage>.<ULID>.<freight[0:7]> and recorded in the
state file (or created in the cluster).

With --run, the controller then runs: the Promotion's steps execute (git-clone, yaml-update,
git-commit, git-push, argocd-update, ...) against the real Git servers and the ports of the
configuration, and the Stage records the outcome. Each step is shown as it finishes. Without
--run the Promotion stays Pending until a controller picks it up. On a cluster where Kargo's own
controller runs, leave --run out: Kargo runs the Promotion.`,
    options: [
      ['--stage <stage>', 'The Stage to promote to (required).'],
      ['--freight <name>', 'The Freight, by name.'],
      ['--freight-alias <alias>', 'The Freight, by alias.'],
      ['--origin <Warehouse/name>', 'Promote the Stage\'s current candidate from this Warehouse.'],
      ['--run', 'Run the Promotion now and wait for it to finish.'],
      ['--json', 'Print one JSON document instead (format "waybill.promote/v1"): { format, ok, promotion, phase, steps, events, issues }.'],
      ...worldHelp,
      ...commonOptions,
    ],
    examples: [
      ['waybill promote --stage staging --freight-alias brave-otter -f kargo/', 'Ask for brave-otter in staging.'],
      ['waybill promote --stage dev --origin Warehouse/kargo-demo --run -f kargo/', 'Promote dev\'s newest candidate and run it.'],
    ],
    exitStatus: true,
  },
  approve: {
    name: 'waybill-approve - approve Freight for a Stage',
    synopsis: ['waybill approve (--freight <name> | --freight-alias <alias>) --stage <stage> [--json] [-f <path>]... [--state <file>] [--cluster]'],
    description: `Marks the Freight approved for the Stage (status.approvedFor), as kargo approve does. Approved
Freight is available to the Stage whatever its upstream Stages say: no verification, soak time or
availability strategy is needed. It must still come from a Warehouse the Stage requests Freight
from. The approval is recorded in the state file (or the cluster).`,
    options: [
      ['--stage <stage>', 'The Stage to approve the Freight for (required).'],
      ['--freight <name>', 'The Freight, by name.'],
      ['--freight-alias <alias>', 'The Freight, by alias.'],
      ['--json', 'Print one JSON document instead (format "waybill.approve/v1"): { format, ok, project, stage, freight, alias, approvedAt, issues }.'],
      ...worldHelp,
      ...commonOptions,
    ],
    examples: [['waybill approve --freight-alias brave-otter --stage prod -f kargo/', 'Let brave-otter go to prod without passing staging.']],
    exitStatus: true,
  },
  explain: {
    name: 'waybill-explain - say why Freight is, or is not, available to a Stage',
    synopsis: ['waybill explain <stage> <freight|alias> [--project <project>] [--json] [--now <time>] [-f <path>]... [--state <file>] [--cluster]'],
    description: `Answers "can this Freight be promoted to this Stage, and if not, why?" with Kargo's rules:
the origin must be requested; approval makes it available; otherwise each request's upstream
Stages must have verified it, and it must have soaked there for requiredSoakTime (one of them,
or all of them with availabilityStrategy: All). Each fact is printed with what it did (+ allows,
- blocks), then, when only time stands in the way, when it becomes available, and whether
auto-promotion may choose it.`,
    options: [
      ['--json', 'Print one JSON document instead (format "waybill.explain/v1"): { format, project, stage, freight, alias, now, available, autoPromotable, nextChange, reasons }.'],
      ...worldHelp,
      ...commonOptions,
    ],
    examples: [
      ['waybill explain prod brave-otter -f kargo/', 'Why brave-otter can or cannot go to prod.'],
      ['waybill explain staging brave-otter -f kargo/ --now 2026-06-01T12:00:00Z', 'The same question at another time.'],
    ],
    exitStatus: true,
  },
  simulate: {
    name: 'waybill-simulate - run a pipeline against a script of events',
    synopsis: ['waybill simulate <events.yaml> <manifests>... [--until <time|duration>] [--format <text|json|html>] [--json] [-o <file>]'],
    description: `Loads the manifests into an in-memory world (registry, Git, chart repositories, Argo CD) on a
manual clock, replays the script of events (images pushed, commits made, approvals, promotions,
verifications that pass or fail, time passing) through the waybill controller, and prints the
timeline: when Freight was discovered, which Stage promoted what, how long it soaked, what
waited and why. Nothing outside the process is touched. The same inputs give the same output.`,
    options: [
      ['--until <time|duration>', 'Stop at this time (RFC 3339) or after this long (Go duration, e.g. 48h); default: the script\'s end.'],
      ['--format <format>', 'text (default), json (format "waybill.timeline/v1") or html (a self-contained page).'],
      ['--json', 'The same as --format json.'],
      ['-o, --output <file>', 'Write the timeline to this file instead of standard output.'],
      ...commonOptions,
    ],
    examples: [
      ['waybill simulate events.yaml kargo/', 'Print the timeline as text.'],
      ['waybill simulate events.yaml kargo/ --format html -o timeline.html', 'Write an HTML timeline.'],
    ],
    exitStatus: true,
  },
  demo: {
    name: 'waybill-demo - run the Kargo quickstart end to end on this machine',
    synopsis: ['waybill demo [--keep] [--no-color]'],
    description: `Runs Kargo's quickstart end to end on this machine, offline: a real Git repository (a bare
remote in a temporary directory) with env/{dev,staging,prod}/values.yaml, an in-memory registry
with the app image, and the waybill controller on a manual clock. It discovers Freight,
auto-promotes it to dev, approves and promotes it to staging (which verifies it), promotes it to
prod, pushes a new image and watches it reach dev, then prints the timeline and the Git log with
each commit's diff. The output is the same on every run. It needs a clone of the waybill
repository, where the example lives (npm run demo).`,
    options: [['--keep', 'Keep the temporary directory (its path is printed) instead of removing it.'], ...commonOptions],
    examples: [['npm run demo', 'Run it from a clone of the repository.']],
    exitStatus: true,
  },
  help: {
    name: 'waybill-help - show the manual page of a command',
    synopsis: ['waybill help [<command>]', 'waybill <command> --help'],
    description: 'Prints the manual page of the command named, or of waybill itself without one.',
    options: commonOptions,
    examples: [['waybill help graph', 'Read about graph.']],
    exitStatus: true,
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
