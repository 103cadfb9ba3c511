import { describe, expect, it } from 'vitest';
import { isDurationText, parseDurationMs } from './duration.js';

describe('parseDurationMs', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['1.5h', 5_400_000],
    ['0s', 0],
    [' 10s ', 10_000],
    ['PT5M', 300_000],
    ['P1DT2H', 93_600_000],
    ['PT0.5S', 500],
    ['PT1,5S', 1_500],
    ['P2W', 14 * 86_400_000],
    ['PT1H30M15S', 5_415_000],
  ])('parses %s', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each(['', '5', 'm', '5 m', '5min', '-5s', 'P', 'PT', 'P1H', 'pt5m', '5m x', 'soon'])(
    'rejects %j with the accepted forms',
    (text) => {
      expect(() => parseDurationMs(text)).toThrow(/not a duration.*30s.*PT5M/);
    },
  );

  it('explains why ISO years and months are refused', () => {
    expect(() => parseDurationMs('P1M')).toThrow(/years or months.*P30D/);
    expect(() => parseDurationMs('P1Y')).toThrow(/no fixed length/);
  });

  it('names the bad text', () => {
    expect(() => parseDurationMs('10 minutes')).toThrow('"10 minutes"');
  });
});

describe('isDurationText', () => {
  it('answers without throwing', () => {
    expect(isDurationText('5m')).toBe(true);
    expect(isDurationText('PT5M')).toBe(true);
    expect(isDurationText('5 mins')).toBe(false);
    expect(isDurationText(5)).toBe(false);
    expect(isDurationText(undefined)).toBe(false);
  });
});
