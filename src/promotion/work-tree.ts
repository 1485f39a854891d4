// The work tree is a port (the workspace adapters hand it out); promotion code keeps importing it
// from here.
export type { WorkTree, WorkTreeEntry, WorkTreeEntryType, WriteFileOptions } from '../ports/work-tree.js';
