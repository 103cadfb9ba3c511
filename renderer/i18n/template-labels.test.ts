/// <reference types="node" />
/**
 * Shipped template titles in the UI language (Templates dialog): every file in resources/templates
 * has a catalogue entry whose English equals the file's own title and description, and zh-CN
 * translates it; unknown flows keep their own text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { i18n } from './index';
import { templateLabels } from './template-labels';

const dir = fileURLToPath(new URL('../../resources/templates', import.meta.url));
const shipped = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.scenarios.yaml'))
  .map((f) => {
    const doc = parse(readFileSync(join(dir, f), 'utf8')) as { name: string; title: string; description: string };
    return { name: doc.name, title: doc.title, description: doc.description, path: join(dir, f) };
  });

describe('template labels', () => {
  afterEach(() => void i18n.changeLanguage('en'));

  it('has an English entry equal to each shipped file, and a Chinese one that differs', async () => {
    expect(shipped.length).toBeGreaterThanOrEqual(3);
    for (const info of shipped) expect(templateLabels(info), info.name).toEqual({ title: info.title, description: info.description });
    await i18n.changeLanguage('zh-CN');
    for (const info of shipped) {
      const zh = templateLabels(info);
      expect(zh.title, info.name).not.toBe(info.title);
      expect(zh.description, info.name).not.toBe(info.description);
    }
    expect(templateLabels(shipped.find((s) => s.name === 'web-app-deploy')!).title).toBe('Web 应用部署');
  });

  it("keeps a flow's own text when the catalogue has no entry, also for names that are no key path", async () => {
    await i18n.changeLanguage('zh-CN');
    const own = { name: 'my-flow', title: 'My flow', description: 'Mine', path: '/w/my-flow.yaml' };
    expect(templateLabels(own)).toEqual({ title: 'My flow', description: 'Mine' });
    expect(templateLabels({ ...own, name: 'templates.shipped', title: '' })).toEqual({ title: 'templates.shipped', description: 'Mine' });
    expect(templateLabels({ ...own, name: 'web-app-deploy.title' }).title).toBe('My flow');
  });
});
