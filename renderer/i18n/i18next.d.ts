/** Typed keys: `t('toolbar.run')` is checked against en.ts at compile time (i18next CustomTypeOptions). */
import 'i18next';
import type { en } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
