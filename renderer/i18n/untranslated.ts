/**
 * Finds English text that a component renders without going through `t()`: JSX text, string
 * attributes people read (title, aria-label, placeholder, label…) and string literals shown as
 * JSX children (`{busy ? 'Saving…' : 'Save'}`). Used by i18n.test.ts over every component under
 * renderer/. A deliberately simple scan over the TypeScript AST: arguments of calls (`t('key')`)
 * and attributes that are not read by people (className, data-*) are never looked at.
 */
import ts from 'typescript';

/** One piece of hard-coded text: where and what. */
export interface Untranslated {
  line: number;
  text: string;
}

/** Attributes whose string values a person reads or hears. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'aria-description', 'placeholder', 'alt', 'label', 'hint', 'noneLabel']);

/** Text with a word in it: two Latin letters in a row (symbols like ✕ ▶ ● and `1s` pass). */
const WORDY = /[A-Za-z]{2,}/;

/** Hard-coded English in `source` (a .tsx file's text); `allowed` strings are skipped. */
export function findUntranslated(source: string, allowed: ReadonlySet<string> = new Set()): Untranslated[] {
  const file = ts.createSourceFile('x.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: Untranslated[] = [];
  const report = (node: ts.Node, text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (!WORDY.test(trimmed) || allowed.has(trimmed)) return;
    found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: trimmed });
  };
  /** String literals an expression can evaluate to, without entering calls (t('key')) or objects. */
  const shown = (e: ts.Expression): void => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
    else if (ts.isTemplateExpression(e)) report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isConditionalExpression(e)) (shown(e.whenTrue), shown(e.whenFalse));
    else if (ts.isBinaryExpression(e)) {
      // `a && 'x'` shows 'x'; `a ?? 'x'`, `a || 'x'` and `'x' + a` may show either side; comparisons show neither.
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) shown(e.right);
      else if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.PlusToken) {
        shown(e.left);
        shown(e.right);
      }
    }
    else if (ts.isParenthesizedExpression(e)) shown(e.expression);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      shown(node.expression);
    } else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression) shown(init.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
