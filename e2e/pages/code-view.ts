/**
 * Page object for the YAML code view (issue #8): the region "YAML" toggled by the toolbar's
 * "Code" button, holding Monaco. Typing goes through the keyboard into Monaco, as a person types.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class CodeViewPage {
  constructor(readonly page: Page) {}

  get region(): Locator {
    return this.page.getByRole('region', { name: 'YAML', exact: true });
  }

  /** Monaco's text input (its hidden textarea has the editor's aria label). */
  get input(): Locator {
    return this.region.getByRole('textbox', { name: 'YAML code' });
  }

  /** Opens the code view and waits until Monaco shows the document. */
  async show(): Promise<void> {
    await this.page.getByRole('button', { name: 'Code', exact: true }).click();
    await expect(this.region.locator('.view-lines')).toContainText('flowsmith');
  }

  /** The editor's whole text, as Monaco's model holds it. */
  async text(): Promise<string> {
    return this.page.evaluate(() => {
      const w = globalThis as unknown as { monaco?: { editor: { getModels(): { uri: { toString(): string }; getValue(): string }[] } } };
      const model = w.monaco?.editor.getModels().find((m) => m.uri.toString().includes('flowsmith/flow.yaml'));
      return model?.getValue() ?? '';
    });
  }

  /** Puts the cursor at the end of the first line containing `needle` (Monaco's Find from the top, then Escape). */
  async gotoLineWith(needle: string): Promise<void> {
    await this.input.focus();
    await this.page.keyboard.press('Control+Home'); // Find searches from the cursor on
    await this.page.keyboard.press('Control+F');
    await this.page.keyboard.type(needle); // Find selects the first match as you type (Enter would go to the next)
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('End');
  }

  /** The 1-based line of the code view's cursor. */
  async cursorLine(): Promise<number> {
    return this.page.evaluate(() => {
      const w = globalThis as unknown as { monaco?: { editor: { getEditors(): { getPosition(): { lineNumber: number } | null }[] } } };
      return w.monaco?.editor.getEditors()[0]?.getPosition()?.lineNumber ?? 0;
    });
  }

  /** Line:col markers Monaco shows for `owner` ('flowsmith' = the engine's findings). */
  async markers(owner = 'flowsmith'): Promise<{ line: number; col: number; message: string }[]> {
    return this.page.evaluate((o) => {
      const w = globalThis as unknown as {
        monaco?: { editor: { getModelMarkers(f: { owner: string }): { startLineNumber: number; startColumn: number; message: string }[] } };
      };
      return (w.monaco?.editor.getModelMarkers({ owner: o }) ?? []).map((m) => ({ line: m.startLineNumber, col: m.startColumn, message: m.message }));
    }, owner);
  }
}

/** The line number (1-based) of the first line of `text` containing `needle`, or 0. */
export function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
