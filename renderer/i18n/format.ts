/**
 * Dates, durations and numbers in the UI language, through Intl (never toLocaleString() with the
 * browser's default, which would mix a Chinese UI with English dates or the other way round).
 * `lng` is i18next's current language (`i18n.language`, or `useTranslation().i18n.language`).
 */

/** A clock time (`14:03:07`, `下午2:03:07`) of epoch ms `at`; `—` for null. */
export function formatTime(at: number | null | undefined, lng: string): string {
  if (at === null || at === undefined) return '—';
  return new Intl.DateTimeFormat(lng, { timeStyle: 'medium' }).format(at);
}

/** A date and time (`Dec 5, 2026, 2:03 PM`) of epoch ms `at`; `—` for null. */
export function formatDateTime(at: number | null | undefined, lng: string): string {
  if (at === null || at === undefined) return '—';
  return new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/**
 * A duration of `ms` milliseconds in the largest unit that keeps it short: `850 ms`, `1.2 sec`,
 * `3.5 min`, `2 hr` (Intl unit names: `1.2秒`, `3.5分钟` in Chinese). Negative values are shown as 0.
 */
export function formatDuration(ms: number, lng: string): string {
  const v = Math.max(0, ms);
  const [value, unit] =
    v < 1000 ? [v, 'millisecond'] : v < 60_000 ? [v / 1000, 'second'] : v < 3_600_000 ? [v / 60_000, 'minute'] : [v / 3_600_000, 'hour'];
  return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** A count or other number with the language's grouping (`1,234`). */
export function formatNumber(n: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(n);
}
