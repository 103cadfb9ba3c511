/** Step and run status words in the UI language (`status.<word>`); unknown words (a newer engine) are shown as they are. */
import type { TFunction } from 'i18next';

const known = new Set(['pending', 'running', 'waiting', 'paused', 'succeeded', 'failed', 'skipped', 'cancelled', 'compensated', 'backing-off']);

/** The label of a step or run status, e.g. `Succeeded` / `成功`. */
export function statusLabel(t: TFunction, status: string): string {
  return known.has(status) ? t(`status.${status as 'pending'}`) : status;
}
