/**
 * The export/import contract moved to engine/interop/types.ts (issue #10: importers and exporters
 * share it without import/ reaching into export/). Re-exported here because HostApi and the
 * renderer name `engine/export/types` as the data HostApi carries.
 */
export * from '../interop/types.js';
