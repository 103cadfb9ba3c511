/**
 * Versions and release records as they cross the edges (CLI `--json`, HostApi): times ISO 8601.
 * Types only, so engine/host/api.ts can carry them (issue #12 part 3). The fields of a version
 * and a release are defined once, in store/version-records.ts, for the store's rows and these.
 */
import type { Finding } from '../model/finding.js';
import type { FlowDiff } from './diff.js';
import type { FlowVersionRecord, ReleaseRecord } from '../store/version-records.js';

export type { FlowDiff, StepDiff, StepChange } from './diff.js';

/** One published version of a flow at the edges (publishedAt ISO 8601); store/version-records.ts defines its fields. */
export type VersionInfo = FlowVersionRecord<string>;

/**
 * What `publish` did: `published` a new version; `unchanged` when the text already is a published
 * version of the flow (nothing is written; `version` is that one); `invalid` when the flow has
 * errors (nothing is written; `findings` hold them, located).
 */
export type PublishResult =
  | { outcome: 'published' | 'unchanged'; version: VersionInfo; findings: Finding[] }
  | { outcome: 'invalid'; version: null; findings: Finding[] };

/** One side of a diff: a published version, or the flow file as it is now (`working`). */
export type VersionRef = number | 'working';

/** A diff of two versions of one flow (or a version and the working file). */
export interface VersionDiff extends FlowDiff {
  flow: string;
  from: VersionRef;
  to: VersionRef;
  /** The working file when one side is `working` (absolute), else null. */
  workingPath: string | null;
  /** True when the two texts are the same byte for byte (so `isSame` is true too). */
  isSameText: boolean;
  /** HostApi only: the two texts compared, so the designer can draw the newer side with the older side's removed steps as ghosts. */
  texts?: { from: string; to: string };
}

/** One export of a published version (`flowsmith releases`), `at` ISO 8601; store/version-records.ts defines its fields. */
export type ReleaseInfo = ReleaseRecord<string>;
