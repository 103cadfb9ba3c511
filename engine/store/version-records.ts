/**
 * The one definition of a published flow version and of a release record (issue #12 part 3),
 * shared by the store's rows (store/versions.ts: times epoch ms) and what crosses the edges
 * (versions/types.ts: times ISO 8601, for the CLI `--json` and HostApi). Types only, with no
 * imports, so engine/host/api.ts (and through it the renderer) can carry them.
 */

/** One published version of a flow; `Time` is epoch ms in the store and an ISO 8601 string at the edges. */
export interface FlowVersionRecord<Time extends number | string> {
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
  publishedAt: Time;
}

/** One export of a published version; `Time` as for FlowVersionRecord. */
export interface ReleaseRecord<Time extends number | string> {
  flow: string;
  version: number;
  /** The export target: `argo`, `asl` or `serverless-workflow`. */
  target: string;
  /** The file written, as the user gave it (workspace-relative or absolute); null when the document went to stdout. */
  output: string | null;
  /** Findings of the export (losses of meaning), all severities; `errors` counts those of severity error. */
  findings: number;
  errors: number;
  /** Who exported (the OS user). */
  by: string;
  at: Time;
}
