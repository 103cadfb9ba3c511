/// <reference types="node" />
/**
 * The catalogues and their use (issue #8 point 5): en and zh-CN have the same keys and the same
 * interpolation variables; the language follows the system and the user's choice; dates,
 * durations and numbers follow the language; and no component under renderer/ renders English
 * that does not go through t().
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { paletteKinds } from '../doc/new-step';
import { en, enAreas } from './en';
import { formatDuration, formatNumber, formatTime } from './format';
import { i18n } from './index';
import { edgeLabel } from './edge-labels';
import { catalogueFor, pickLanguage } from './language';
import { findUntranslated } from './untranslated';
import { zhCN, zhCNAreas } from './zh-CN';

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('catalogues', () => {
  const enKeys = flatten(en);
  const zhKeys = flatten(zhCN);

  it('has every English key in zh-CN and every zh-CN key in English', () => {
    expect([...enKeys.keys()].filter((k) => !zhKeys.has(k))).toEqual([]);
    expect([...zhKeys.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect(enKeys.size).toBeGreaterThan(200);
  });

  it('keeps each area file in step: the same keys in en/<area>.ts and zh-CN/<area>.ts', () => {
    expect(Object.keys(zhCNAreas)).toEqual(Object.keys(enAreas));
    for (const [area, messages] of Object.entries(enAreas)) {
      const enArea = flatten(messages);
      const zhArea = flatten(zhCNAreas[area as keyof typeof zhCNAreas]);
      expect([...enArea.keys()].filter((k) => !zhArea.has(k)), `missing in zh-CN/${area}.ts`).toEqual([]);
      expect([...zhArea.keys()].filter((k) => !enArea.has(k)), `not in en/${area}.ts`).toEqual([]);
    }
  });

  it('gives every top-level group to exactly one area, and composes the catalogues from the areas', () => {
    const groups = Object.values(enAreas).flatMap((area) => Object.keys(area));
    expect(new Set(groups).size).toBe(groups.length);
    expect(Object.keys(en)).toEqual(groups);
    expect(flatten(zhCN)).toEqual(flatten(Object.assign({}, ...Object.values(zhCNAreas)) as object));
  });

  it('keeps every catalogue file under 450 lines', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = ['en.ts', 'zh-CN.ts', ...['en', 'zh-CN'].flatMap((d) => readdirSync(join(dir, d)).map((f) => join(d, f)))];
    const long = files.filter((f) => readFileSync(join(dir, f), 'utf8').split('\n').length > 450);
    expect(long).toEqual([]);
  });

  it('uses the same interpolation variables in both languages, and no empty strings', () => {
    for (const [key, text] of enKeys) {
      expect(text.trim(), key).not.toBe('');
      expect(variables(zhKeys.get(key) ?? ''), key).toEqual(variables(text));
    }
  });

  it('translates: zh-CN strings differ from English except names and codes', () => {
    // Language names, product and format names stay as they are in Chinese UIs.
    const kept = [
      /^language\.(en|zh-CN)$/,
      /^regions\.yaml$/,
      /^dialogs\.(export|import)\.(targets|formats)\.(argo|asl|serverless-workflow)$/,
      /^inspector\.(sections\.(shell|http)|url)$/,
      /^describe\.javascript$/,
    ];
    const same = [...enKeys].filter(([k, v]) => zhKeys.get(k) === v).map(([k]) => k);
    expect(same.filter((k) => !kept.some((re) => re.test(k)))).toEqual([]);
  });
});

describe('contract names', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('names every palette kind, in English as DESIGN.md\'s "Add <kind>" and translated in Chinese', async () => {
    for (const kind of paletteKinds) {
      expect(i18n.t('palette.add', { label: i18n.t(`palette.kinds.${kind}.name`) })).toBe(`Add ${kind}`);
      expect(i18n.t(`palette.kinds.${kind}.hint`)).not.toBe('');
    }
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('palette.add', { label: i18n.t('palette.kinds.task.name') })).toBe('添加任务');
    expect(i18n.t('runs.debugger.runFrom')).toBe('从此处运行');
  });
});

describe('language choice', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('follows the first system language it has a catalogue for', () => {
    expect(pickLanguage(null, ['fr-FR', 'zh-TW', 'en-US'])).toBe('zh-CN');
    expect(pickLanguage(null, ['de', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, ['zh-Hans-CN'])).toBe('zh-CN');
    expect(pickLanguage(null, ['fr', 'de'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
    expect(catalogueFor('zhx')).toBeNull();
  });

  it("prefers the user's stored choice, ignoring a stored value that is no catalogue", () => {
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
    expect(pickLanguage('klingon', ['zh-CN'])).toBe('zh-CN');
  });

  it('switches t() and plural forms with the language', async () => {
    expect(i18n.t('toolbar.run')).toBe('Run');
    expect(i18n.t('inspector.flowSummary', { count: 1 })).toMatch(/^1 step\. /);
    expect(i18n.t('inspector.flowSummary', { count: 3 })).toMatch(/^3 steps\. /);
    await i18n.changeLanguage('zh-CN');
    expect(i18n.t('toolbar.run')).toBe('运行');
    expect(i18n.t('inspector.flowSummary', { count: 3 })).toMatch(/^共 3 个步骤/);
  });
});

describe('edge labels', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('names what an edge stands for in the language, and keeps conditions as written', async () => {
    const refs = [{ kind: 'onReject' }, { kind: 'onTimeout' }] as const;
    expect(edgeLabel(refs)).toBe('rejected / timed out');
    expect(edgeLabel([{ kind: 'catch', index: 0, errors: ['Timeout', 'ShellExit'] }])).toBe('catch Timeout, ShellExit');
    expect(edgeLabel([{ kind: 'next' }])).toBeUndefined();
    await i18n.changeLanguage('zh-CN');
    expect(edgeLabel(refs)).toBe('被拒绝 / 超时');
    expect(edgeLabel([{ kind: 'case', index: 0, when: '$input.environment = "production-eu-west"' }])).toBe('$input.environment = "productio…');
  });
});

describe('formats', () => {
  it('writes durations, times and numbers in the language', () => {
    expect(formatDuration(1234, 'en')).toBe('1.2 sec');
    expect(formatDuration(1234, 'zh-CN')).toBe('1.2秒');
    expect(formatDuration(90_000, 'en')).toBe('1.5 min');
    expect(formatDuration(250, 'en')).toBe('250 ms');
    const at = Date.UTC(2026, 11, 5, 14, 3, 7);
    expect(formatTime(at, 'zh-CN')).not.toBe(formatTime(at, 'en'));
    expect(formatTime(null, 'en')).toBe('—');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});

describe('hard-coded strings', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  /**
   * Text that stays as written in every language, each with the reason:
   * the product name, and placeholders that show example values in the flow format's own syntax.
   * Anything with words a person reads (hints, "e.g." notes, "(default: …)") goes through t().
   */
  const allowed = new Set([
    'Flowsmith', // product name
    'ops-manager, tech-lead', // example approver identities
    'Deploy {{ $input.version }}?', // example approval message with an expression
    '$input.environment = "production"', // example JSONata condition
    'Timeout, HttpStatus, *', // DESIGN.md error names
    '30s, 5m, PT1H', // duration syntax
    '$input.at', // example expression
    'DeployFailed', // example error name
    // Placeholders showing example values in the flow format's own syntax (JSONata, JSON, YAML
    // literals, paths, identifiers, JavaScript): they read the same in every language.
    '{"version": stdout}', // example output expression
    '{"status": 200}', // example mock output
    '{"environment": "staging"}', // example trigger input
    '{"version": "{{ $input.version }}"}', // example call input
    '$input.hosts', // example map items expression
    'host', // example map item name
    'dev, staging, production', // example enum values
    'true / false', // the two boolean literals
    'other-flow.yaml', // example flow path
    '/bin/sh', // example shell program
    'return { ok: $input.version !== undefined };', // example script
  ]);

  const components = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return components(path);
      return name.endsWith('.tsx') && !name.endsWith('.test.tsx') && name !== 'test-support.tsx' ? [path] : [];
    });

  it('finds English JSX text, read attributes and shown literals (the scan itself)', () => {
    const src = `
      const A = () => <div title="Close it" className="no-check">
        Hello world {busy ? 'Saving…' : t('toolbar.save')} {t('x.y')}
        <input placeholder={\`Type \${n} here\`} aria-label={t('a.b')} data-x="not read" /> ✕ {'→'}
      </div>;`;
    expect(findUntranslated(src).map((u) => u.text)).toEqual(['Close it', 'Hello world', 'Saving…', 'Type here']);
  });

  it('no component under renderer/ renders untranslated English', () => {
    const files = components(root);
    expect(files.length).toBeGreaterThan(30);
    const problems = files.flatMap((path) =>
      findUntranslated(readFileSync(path, 'utf8'), allowed).map((u) => `${relative(root, path)}:${u.line} ${JSON.stringify(u.text)}`),
    );
    expect(problems).toEqual([]);
  });
});
