/**
 * Page object for files in the designer (issue #8 point 4): the toolbar's New, Open, Save, Save as
 * and Templates (DESIGN.md accessible names), the region "Files" whose rows are buttons named by
 * file name, and the file dialogs by their titles ("Unsaved changes", "Save as", "Open a flow").
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class FilesPage {
  constructor(readonly page: Page) {}

  /** The workspace file tree. */
  get region(): Locator {
    return this.page.getByRole('region', { name: 'Files' });
  }

  /** The row of a flow file in the tree, by file name (`night-check.yaml`). */
  file(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }

  /** The dialog titled `title`. */
  dialog(title: string): Locator {
    return this.page.getByRole('dialog', { name: title });
  }

  /** A toolbar button by accessible name (outside any dialog). */
  toolbar(name: string): Locator {
    return this.page.getByRole('banner').getByRole('button', { name, exact: true });
  }

  /** Whether the open document has unsaved edits, as the toolbar shows it. */
  get dirtyMarker(): Locator {
    return this.page.getByRole('banner').getByLabel('Unsaved changes');
  }

  /** Save as in the web host: a workspace path, then the dialog's Save; waits until the document is clean. */
  async saveAs(path: string): Promise<void> {
    await this.toolbar('Save as').click();
    const dialog = this.dialog('Save as');
    await dialog.getByLabel('Workspace path').fill(path);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(this.dirtyMarker).toBeHidden();
  }

  /** Opens a file by clicking its row in Files (no unsaved edits expected). */
  async openFromTree(name: string): Promise<void> {
    await this.file(name).click();
    await expect(this.file(name)).toHaveAttribute('aria-current', 'true');
  }

  /** Picks a shipped template in the Templates dialog by the name it lists (`db-change`). */
  async openTemplate(name: string): Promise<void> {
    await this.toolbar('Templates').click();
    await this.dialog('Templates').getByRole('list', { name: 'Templates' }).getByRole('button').filter({ hasText: name }).click();
    await expect(this.dialog('Templates')).toBeHidden();
  }
}
