/**
 * Edge labels on the canvas in the UI language: what each reference behind an edge means
 * (`default`, `rejected`, `timed out`, `catch Timeout`), joined with ` / ` when one edge stands
 * for several. Case conditions are shown as written (they are expressions, not UI text), clipped
 * as doc/edges.ts clips them.
 */
import type { EdgeRef } from '../doc/edges';
import { i18n } from './index';

const clip = (s: string) => (s.length > 32 ? `${s.slice(0, 31)}…` : s);

function refText(ref: EdgeRef): string | undefined {
  switch (ref.kind) {
    case 'case':
      return clip(ref.when);
    case 'default':
      return i18n.t('canvas.edge.default');
    case 'onReject':
      return i18n.t('canvas.edge.rejected');
    case 'onTimeout':
      return i18n.t('canvas.edge.timedOut');
    case 'catch':
      return i18n.t('canvas.edge.catch', { errors: ref.errors.join(', ') });
    default:
      return undefined;
  }
}

/** The label of an edge standing for `refs`, or undefined for a plain `next`/`branch` edge. */
export function edgeLabel(refs: readonly EdgeRef[]): string | undefined {
  const parts = refs.map(refText).filter((x): x is string => x !== undefined);
  return parts.length ? parts.join(' / ') : undefined;
}
