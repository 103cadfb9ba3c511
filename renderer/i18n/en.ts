/**
 * English UI strings, the reference catalogue: every key here must exist in zh-CN.ts (the type of
 * zh-CN.ts and i18n.test.ts check it). Keys are grouped by the part of the designer that shows
 * them. `{{name}}` is i18next interpolation; `_one`/`_other` are i18next plural forms
 * (Intl.PluralRules categories), picked by the `count` option.
 *
 * English here is also the e2e contract: DESIGN.md "Designer" names (Run, Save, Add task, region
 * Inspector…) must stay as they are, since the tests run in English.
 *
 * The strings live in one file per area of the designer (en/<area>.ts, and the same areas under
 * zh-CN/), each holding some top-level groups; this file composes them, so `t()` keys do not
 * change with the split (`toolbar.run` is still `toolbar.run`). A new group goes into the area
 * that shows it, in both languages.
 */
import { canvas } from './en/canvas';
import { dialogs } from './en/dialogs';
import { files } from './en/files';
import { inspector } from './en/inspector';
import { panels } from './en/panels';
import { runs } from './en/runs';
import { shell } from './en/shell';
import { templates } from './en/templates';
import { versions } from './en/versions';

/** The English catalogue by area: i18n.test.ts checks zh-CN against it area by area. */
export const enAreas = { shell, canvas, inspector, files, runs, dialogs, panels, versions, templates };

/** The English catalogue: every area's top-level keys in one object (keys as `t()` sees them). */
export const en = {
  ...shell,
  ...canvas,
  ...inspector,
  ...files,
  ...runs,
  ...dialogs,
  ...panels,
  ...versions,
  ...templates,
};

/** The shape every catalogue has: the same keys as `en`, each a string. */
export type Messages = StringLeaves<typeof en>;

/** The shape of each area file of a catalogue (zh-CN/<area>.ts is typed with it). */
export type AreaMessages = { [A in keyof typeof enAreas]: StringLeaves<(typeof enAreas)[A]> };

type StringLeaves<T> = { [K in keyof T]: T[K] extends string ? string : StringLeaves<T[K]> };
