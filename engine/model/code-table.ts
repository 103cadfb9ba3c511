/**
 * One way to write a table of finding codes (issue #10: the seven `codes.ts` files repeated one
 * pattern by hand: a const object of names, its union type, and a second table of meanings keyed
 * by code that had to be kept in step with the first). Each entry now gives its code and its
 * meaning together; the names object and the meanings table are derived from it.
 * Codes are a contract (STYLE.md §8): never rename, renumber or reuse one.
 */

/** One code of a table: `FS` + three digits, and its one-line meaning for the docs and `--json`. */
export interface CodeEntry {
  readonly code: string;
  readonly meaning: string;
}

/** What `defineCodes` returns: the codes by name, and the meaning of each code. */
export interface CodeTable<T extends Record<string, CodeEntry>> {
  /** `{ name: 'FS120', … }`, in the table's order; each name keeps its docstring. */
  readonly codes: { readonly [K in keyof T]: T[K]['code'] };
  /** `{ FS120: 'meaning', … }`, in the table's order. */
  readonly meanings: Readonly<Record<T[keyof T]['code'], string>>;
}

/**
 * Builds a code table from `{ name: { code, meaning } }` (docstrings on the names carry over to
 * `codes`). Throws when a code is not `FS` + three digits or appears twice: a bug in the table,
 * caught the first time the module loads.
 */
export function defineCodes<const T extends Record<string, CodeEntry>>(table: T): CodeTable<T> {
  const codes: Record<string, string> = {};
  const meanings: Record<string, string> = {};
  for (const [name, { code, meaning }] of Object.entries(table)) {
    if (!/^FS\d{3}$/.test(code)) throw new Error(`code table: ${name} has code "${code}"; codes are FS + three digits`);
    if (code in meanings) throw new Error(`code table: ${code} is used twice (${name}); give it a new number at the end`);
    codes[name] = code;
    meanings[code] = meaning;
  }
  return { codes, meanings } as unknown as CodeTable<T>;
}

/** The code union of a names object made by `defineCodes`: `CodeOf<typeof ArgoExportCode>`. */
export type CodeOf<C extends Record<string, string>> = C[keyof C];
