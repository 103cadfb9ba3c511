/**
 * Versions and release records as they cross the edges (CLI `--json`, HostApi): times ISO 8601.
 * Types only, so engine/host/api.ts can carry them (issue #12 part 3).
 */
import type { Finding } from '../model/finding.js';
import type { FlowDiff } from './diff.js';

export type { FlowDiff, StepDiff, StepChange } from './diff.js';

/** One published version of a flow. */
export interface VersionInfo {
  /** The flow's `name:`: the identity versions are numbered by. */
  flow: string;
  /** 1, 2, … per flow. */
  version: number;
  /** SHA-256 of the published text, hex. */
  hash: string;
  /** The file it was published from (absolute). */
  path: string;
  note: string;
  /** The OS user who published it. */
  author: string;
  /** ISO 8601. */
  publishedAt: string;
}

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
}

/** One export of a published version (`flowsmith releases`). */
export interface ReleaseInfo {
  flow: string;
  version: number;
  /** `argo`, `asl` or `serverless-workflow`. */
  target: string;
  /** The file written, as given (workspace-relative or absolute); null when it went to stdout. */
  output: string | null;
  /** Findings of the export (losses of meaning), all severities; `errors`: those of severity error. */
  findings: number;
  errors: number;
  /** Who exported (the OS user). */
  by: string;
  /** ISO 8601. */
  at: string;
}
