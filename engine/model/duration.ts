/**
 * Durations as written in flows (DESIGN.md "Durations"): `500ms`, `30s`, `5m`, `2h`, `1d`, compounds
 * such as `1h30m`, and ISO 8601 durations (`PT5M`, `P1DT2H`, `P2W`). Flows keep the text; the engine
 * parses it once, at the edge, into milliseconds (STYLE.md §5).
 */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** One `<number><unit>` part of a short duration; `ms` must come before `m` in the alternation. */
const SHORT_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/**
 * ISO 8601 duration. Years and months are matched only to give a precise error: they have no fixed
 * length in milliseconds, so a timer could not honour them (ASL and Argo use seconds for the same reason).
 */
const ISO = /^P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

const ACCEPTED = 'write it like 500ms, 30s, 5m, 2h, 1d, 1h30m or ISO 8601 PT5M';

/**
 * Parses a duration into whole milliseconds (rounded).
 * Accepts `500ms`, `30s`, `5m`, `2h`, `1d` (decimals allowed: `1.5h`), compounds with units in any
 * order (`1h30m`, `2m30s`), and ISO 8601 `P[nW][nD][T[nH][nM][nS]]`; surrounding spaces are ignored.
 * Throws `Error` naming the text and the accepted forms when it is none of these (also for ISO years
 * and months, which have no fixed length).
 */
export function parseDurationMs(text: string): number {
  if (typeof text !== 'string') {
    throw new Error(`duration ${JSON.stringify(text)} is not text; ${ACCEPTED}`);
  }
  const trimmed = text.trim();
  const ms = trimmed.startsWith('P') ? parseIso(trimmed, text) : parseShort(trimmed);
  if (ms === undefined) throw new Error(`"${text}" is not a duration; ${ACCEPTED}`);
  return Math.round(ms);
}

/** True when `text` is a string that parseDurationMs accepts. Never throws. */
export function isDurationText(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  try {
    parseDurationMs(text);
    return true;
  } catch {
    return false;
  }
}

function parseShort(text: string): number | undefined {
  if (text === '') return undefined;
  SHORT_PART.lastIndex = 0;
  let total = 0;
  while (SHORT_PART.lastIndex < text.length) {
    const match = SHORT_PART.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return total;
}

function parseIso(text: string, original: string): number | undefined {
  const match = ISO.exec(text);
  // `P` alone and `PT` with no part are not durations, even though every group is optional.
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, years, months, weeks, days, hours, minutes, seconds] = match;
  if (years !== undefined || months !== undefined) {
    throw new Error(
      `"${original}" uses years or months, which have no fixed length; use days (P30D) or weeks (P4W) instead`,
    );
  }
  const num = (part: string | undefined) => (part === undefined ? 0 : Number(part.replace(',', '.')));
  return (
    num(weeks) * 7 * UNIT_MS.d +
    num(days) * UNIT_MS.d +
    num(hours) * UNIT_MS.h +
    num(minutes) * UNIT_MS.m +
    num(seconds) * UNIT_MS.s
  );
}
