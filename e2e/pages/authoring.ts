/**
 * Page object for authoring through the palette and the inspector (issue #8 point 3). Fields are
 * found by their labels inside the Inspector, palette buttons by "Add <type>", the find box by
 * "Find step": DESIGN.md's names only.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { DesignerPage } from './designer';

export class AuthoringPage {
  constructor(readonly designer: DesignerPage) {}

  get page(): Page {
    return this.designer.page;
  }

  /** The inspector panel. */
  get inspector(): Locator {
    return this.page.getByLabel('Inspector', { exact: true });
  }

  /** The inspector field labelled `label`. */
  field(label: string): Locator {
    return this.inspector.getByLabel(label, { exact: true });
  }

  /** The id of the selected step, as the inspector shows it. */
  async selectedId(): Promise<string> {
    return this.field('Step id').inputValue();
  }

  /**
   * Clicks palette button "Add <kind>" and returns the new step's id. With a step selected the new
   * one is appended after it; the new step is selected and drawn.
   */
  async add(kind: string): Promise<string> {
    const before = await this.designer.nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id')));
    await this.designer.button(`Add ${kind}`).click();
    await expect.poll(async () => ((await this.field('Step id').count()) ? this.selectedId() : '')).not.toMatch(new RegExp(`^(|${before.map(escape).join('|')})$`));
    const id = await this.selectedId();
    await expect(this.designer.node(id)).toBeAttached();
    return id;
  }

  /** Types `value` into the inspector field `label` (replacing what is there). */
  async fill(label: string, value: string): Promise<void> {
    await this.field(label).fill(value);
  }

  /** Picks `option` in the inspector select `label`. */
  async choose(label: string, option: string): Promise<void> {
    await this.field(label).selectOption(option);
  }

  /** Clicks an inspector button by its accessible name. */
  async press(name: string): Promise<void> {
    await this.inspector.getByRole('button', { name, exact: true }).click();
  }

  /** Selects several steps: a click on the first, Shift+click on the others (DESIGN.md's canvas multi-select). */
  async selectSteps(ids: string[]): Promise<void> {
    for (const [i, id] of ids.entries()) await this.designer.node(id).click(i === 0 ? {} : { modifiers: ['Shift'] });
    for (const id of ids) await expect(this.designer.node(id)).toHaveClass(/is-selected/);
  }

  /** Renames the selected step in the inspector's "Step id" field (commits on Enter). */
  async rename(to: string): Promise<void> {
    await this.field('Step id').fill(to);
    await this.field('Step id').press('Enter');
    await expect(this.field('Step id')).toHaveValue(to);
  }

  /** Selects a step through Ctrl+F and the "Find step" box. */
  async find(query: string, id = query): Promise<void> {
    await this.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+f');
    const box = this.page.getByLabel('Find step', { exact: true });
    await box.fill(query);
    await box.press('Enter');
    await expect(this.field('Step id')).toHaveValue(id);
  }

  /** Clears the selection (a click on empty canvas), which shows the flow's own fields. */
  async selectNothing(): Promise<void> {
    await this.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect(this.field('Flow name')).toBeVisible();
  }
}

function escape(text: string | null): string {
  return (text ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
