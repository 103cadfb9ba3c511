/**
 * Which UI language to show: the user's choice when there is one (kept in localStorage), else the
 * first of the system's preferred languages (navigator.languages) that the designer has, else
 * English. Pure functions plus the two storage helpers; i18n/index.ts applies the result.
 */

/** Languages with a full catalogue (en.ts, zh-CN.ts). */
export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

/** What the Language menu stores: a language, or `system` to follow navigator.languages. */
export type LanguageChoice = Language | 'system';

/** localStorage key of the user's choice (absent = follow the system). */
export const LANGUAGE_KEY = 'flowsmith.language';

/**
 * The catalogue for a BCP 47 tag, or null when there is none: any `zh…` tag (zh, zh-CN, zh-Hans,
 * zh-TW) gets Simplified Chinese, the only Chinese catalogue; any `en…` tag gets English.
 */
export function catalogueFor(tag: string): Language | null {
  const t = tag.toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) return 'zh-CN';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/** The language to show for a stored choice and the system's preferred tags (first match wins). */
export function pickLanguage(choice: string | null, preferred: readonly string[]): Language {
  if (choice && (languages as readonly string[]).includes(choice)) return choice as Language;
  for (const tag of preferred) {
    const found = catalogueFor(tag);
    if (found) return found;
  }
  return 'en';
}

/** The system's preferred language tags; empty outside a browser (node tests). */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

/** The stored choice, `system` when there is none or storage is unavailable. */
export function storedLanguage(): LanguageChoice {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_KEY) ?? null;
    return v && (languages as readonly string[]).includes(v) ? (v as Language) : 'system';
  } catch {
    return 'system'; // storage disabled (privacy mode): follow the system
  }
}

/** Stores the choice (`system` removes it). */
export function storeLanguage(choice: LanguageChoice): void {
  try {
    if (choice === 'system') globalThis.localStorage?.removeItem(LANGUAGE_KEY);
    else globalThis.localStorage?.setItem(LANGUAGE_KEY, choice);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
