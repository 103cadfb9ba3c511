/** Simplified Chinese strings for the shipped templates' titles and descriptions. Composed into the catalogue by ../zh-CN.ts. */
import type { AreaMessages } from '../en';

export const templates: AreaMessages['templates'] = {
  templates: {
    shipped: {
      'db-change': {
        title: '数据库变更',
        description: '备份、审批、迁移、校验；失败时从备份恢复。',
      },
      'nightly-backup': {
        title: '夜间备份',
        description: '归档应用数据和配置文件夹，清理旧归档，并校验保留的归档。',
      },
      'web-app-deploy': {
        title: 'Web 应用部署',
        description: '构建、测试并预览静态站点，生产部署需审批，部署前先备份。',
      },
    },
  },
};
