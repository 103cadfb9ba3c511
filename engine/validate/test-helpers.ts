/**
 * Helpers for the validate tests: build a flow from step lines (steps start on line 5) and pick
 * findings by code.
 */
import type { Finding } from '../model/finding.js';
import { validateText } from './index.js';

/** A flow whose `steps:` map holds `stepLines`; the first step line is line 5 of the text. */
export function flowText(stepLines: string[], start = 'a'): string {
  return ['flowsmith: "1.0"', 'name: t', `start: ${start}`, 'steps:', ...stepLines, ''].join('\n');
}

/** validateText's findings with `code`, reduced to what the tests compare. */
export function findingsWith(code: string, text: string): Partial<Finding>[] {
  return validateText(text, 'flow.yaml')
    .findings.filter((f) => f.code === code)
    .map(({ code: _code, file: _file, ...rest }) => rest);
}

/** Every finding code of `text`. */
export function codesOf(text: string): string[] {
  return validateText(text).findings.map((f) => f.code);
}

/** 1-based column of the first `needle` on 1-based `line` of `text`, to state positions readably. */
export function colOf(text: string, line: number, needle: string): number {
  const index = (text.split('\n')[line - 1] ?? '').indexOf(needle);
  if (index === -1) throw new Error(`"${needle}" is not on line ${line}`);
  return index + 1;
}
