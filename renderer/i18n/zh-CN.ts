/**
 * Simplified Chinese UI strings. Typed as `Messages`, so a key missing here (or one en.ts does
 * not have) is a compile error; i18n.test.ts checks the same at run time. Chinese has a single
 * plural category (`_other`); the `_one` forms are kept only so both catalogues have the same keys.
 * Terms follow what Chinese ops tools use: 流程 (flow), 步骤 (step), 运行 (run), 审批 (approval).
 */
import type { AreaMessages, Messages } from './en';
import { canvas } from './zh-CN/canvas';
import { dialogs } from './zh-CN/dialogs';
import { files } from './zh-CN/files';
import { inspector } from './zh-CN/inspector';
import { panels } from './zh-CN/panels';
import { runs } from './zh-CN/runs';
import { shell } from './zh-CN/shell';
import { templates } from './zh-CN/templates';
import { versions } from './zh-CN/versions';

/** The Simplified Chinese catalogue by area, the same areas as `enAreas`. */
export const zhCNAreas: AreaMessages = { shell, canvas, inspector, files, runs, dialogs, panels, versions, templates };

/** The Simplified Chinese catalogue, composed from its areas like `en`. */
export const zhCN: Messages = {
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
