import type { CodeCatalog } from './catalog.js';

/** Codes of the simulator and its event scripts. */
export const simulationCodes = {
  SIMULATION_SCRIPT_SYNTAX: {
    summary: 'The simulation script is not valid YAML or JSON.',
    cause: 'A syntax error in the script text: bad indentation, an unclosed quote or bracket, a repeated key, or more than one YAML document.',
    fix: 'Fix the text at the position shown. A script is one YAML (or JSON) document with `start`, `until`, `setup` and `events`.',
  },
  SIMULATION_SCRIPT_INVALID: {
    summary: 'The simulation script does not have the shape the simulator reads.',
    cause: 'A field has the wrong type, a required field is missing, an event has an unknown `type`, or a field is not one the event takes (scripts are strict, so a misspelt key is reported rather than ignored).',
    fix: 'Change the field named by the path. Each event needs `at` and `type`; see the script reference for the fields of each type.',
  },
  SIMULATION_TIME_INVALID: {
    summary: 'A time in the simulation is neither an RFC 3339 time nor an offset like `+10m`.',
    cause: 'Times are absolute (`2026-01-01T09:00:00Z`) or offsets from the start (`+90s`, `+1h30m`, `+2d`). Anything else, or an event earlier than the start, cannot be placed on the clock.',
    fix: 'Write the time as RFC 3339 with a zone, or as `+` followed by a Go duration (days as `d` are accepted); keep every event at or after the start.',
  },
  SIMULATION_NO_PROJECT: {
    summary: 'The simulator cannot tell which Project to simulate.',
    cause: 'The resources hold no Stage, or Stages of several namespaces, and neither the script nor the options name the Project.',
    fix: 'Pass resources of one Project with `metadata.namespace` set, or name it with `project:` in the script or the `project` option.',
  },
  SIMULATION_SETUP_INVALID: {
    summary: 'Something the script declares cannot be placed in the simulated world.',
    cause: 'An image, commit, chart or Argo CD Application in `setup` (or pushed by an event) was refused by the in-memory adapter: an empty tag or version, a bad time, a chart without a name in a classic repository, and the like.',
    fix: 'Correct the entry named by the path; the message says what the adapter refused.',
  },
  SIMULATION_STEP_LIMIT: {
    summary: 'The simulation stopped before `until` because it took too many steps.',
    cause: 'The controller kept asking to be woken again (for example a requeue every 100 ms for a Promotion that never starts), so the clock advanced in tiny steps and the step budget ran out.',
    fix: 'Raise `maxSteps` in the options, shorten the simulated span, or fix what keeps the controller busy (the timeline shows the last things that happened).',
  },
  SIMULATION_INTERRUPTED: {
    summary: 'The simulation stopped because the controller or an adapter failed unexpectedly.',
    cause: 'Something threw instead of returning an issue while the simulated world was being reconciled: a defect in waybill or in a controller passed through `createController`, met with these resources and this script.',
    fix: 'Report it with the resources and the script; meanwhile, remove the event or resource named in the message to find which one triggers it.',
  },
} as const satisfies CodeCatalog;
