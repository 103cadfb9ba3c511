/**
 * English strings for the shipped templates' titles and descriptions (resources/templates, by flow
 * `name`), as the Templates dialog shows them; keep them equal to each file's `title:` and
 * `description:`. Composed into the catalogue by ../en.ts.
 */
export const templates = {
  templates: {
    shipped: {
      'db-change': {
        title: 'Database change',
        description: 'Back up, approve, migrate, verify; restore from the backup on failure.',
      },
      'nightly-backup': {
        title: 'Nightly backup',
        description: 'Archive the app data and config folders, prune old archives, verify what is kept.',
      },
      'web-app-deploy': {
        title: 'Web app deploy',
        description: 'Build, test and preview a static site, approve production deploys, deploy with a backup.',
      },
    },
  },
};
