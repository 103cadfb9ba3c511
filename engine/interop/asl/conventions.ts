/**
 * What Flowsmith's ASL export writes so that its importer can read a flow back (issue #10 point 4:
 * one place both sides import, so engine/import never reaches into engine/export).
 */

/** Marks the states the export adds at the start; the ASL importer recognises them by it. */
export const INIT_COMMENT = 'Flowsmith: run input and variables';
/** Marks the Pass that starts a map body by assigning `$item`/`$index` (containers.ts). */
export const MAP_ITEM_COMMENT = 'Flowsmith: map item';
