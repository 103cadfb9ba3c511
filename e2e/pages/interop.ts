/**
 * Page object for the Export and Import dialogs and flow trust (issue #4), by accessible names
 * only (STYLE.md §9): the Export target radios, "Export findings", "Document to import",
 * "Trust this flow".
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class InteropDialogs {
  constructor(readonly page: Page) {}

  /** The open modal dialog. */
  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The read-only Monaco view of the exported document. */
  get exportEditor(): Locator {
    return this.dialog.getByTestId('export-editor');
  }

  /** The rows of the export's findings list. */
  get exportFindings(): Locator {
    return this.dialog.getByRole('region', { name: 'Export findings' }).getByRole('listitem');
  }

  /** Opens the Export dialog (toolbar Export) and picks a target by its label, e.g. "AWS Step Functions". */
  async exportTo(target: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(this.dialog).toBeVisible();
    await this.dialog.getByRole('radio', { name: target, exact: true }).check();
  }

  /** Imports `file` (a path on this machine) through the toolbar's Import dialog; format detected. */
  async importFile(file: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import', exact: true }).click();
    await this.dialog.getByLabel('Document to import').setInputFiles(file);
    await this.dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Opens the Run dialog (toolbar Run). */
  async openRunDialog(): Promise<void> {
    await this.page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** A button of the open dialog by its exact accessible name. */
  dialogButton(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }
}
