/**
 * Titles and descriptions of the shipped templates (resources/templates) in the UI language. The
 * YAML files keep their English `title:`/`description:` (the CLI and exports read them, and the
 * file names stay); the catalogue's `templates.shipped.<name>` entries translate them for the
 * Templates dialog. A template without an entry, or a workspace flow, shows its own text.
 */
import type { FlowFileInfo } from '../../engine/host/api';
import { i18n } from './index';

/** The title and description to show for a shipped template, translated when the catalogue has it. */
export function templateLabels(info: FlowFileInfo): { title: string; description: string } {
  const title = info.title || info.name;
  const key = `templates.shipped.${info.name}`;
  // The schema allows only [a-z0-9-] in names; anything else (a broken file) is not looked up as a key path.
  if (!/^[a-z0-9][a-z0-9-]*$/.test(info.name) || !i18n.exists(`${key}.title`)) return { title, description: info.description };
  const lookup = i18n.t as unknown as (k: string) => string;
  return { title: lookup(`${key}.title`), description: lookup(`${key}.description`) };
}
