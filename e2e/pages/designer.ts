/**
 * Page object for the designer (STYLE.md §9): selectors from DESIGN.md's Designer DOM
 * (`data-step-id`, `data-status`) and accessible names (Run, Save, Approve…), nothing else.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class DesignerPage {
  constructor(readonly page: Page) {}

  /** Every step node on the canvas. */
  get nodes(): Locator {
    return this.page.locator('[data-step-id]');
  }

  /** The node of step `id`. */
  node(id: string): Locator {
    return this.page.locator(`[data-step-id="${id}"]`);
  }

  /** The canvas edge from `source` to `target` (React Flow's test id for edge `source->target`). */
  edge(source: string, target: string): Locator {
    return this.page.getByTestId(`rf__edge-${source}->${target}`);
  }

  /** The run panel; its `data-run-status` is the run's status. */
  get runPanel(): Locator {
    return this.page.locator('[data-run-status]');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Opens the designer and waits until the first flow is drawn. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.nodes.first()).toBeVisible();
  }

  /** Adds a step from the palette ("task", "approval"…) and returns its id (it is selected). */
  async addStep(label: string): Promise<string> {
    const before = new Set(await this.nodes.evaluateAll((els) => els.map((e) => e.getAttribute('data-step-id'))));
    await this.button(`Add ${label}`).click();
    const stepId = this.page.getByLabel('Step id', { exact: true });
    await expect(stepId).toBeVisible();
    const id = await stepId.inputValue();
    expect(before.has(id)).toBe(false);
    await expect(this.node(id)).toBeVisible();
    return id;
  }

  /** Frames the whole flow (React Flow's "fit view" control). */
  async fitView(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit View' }).click();
  }

  /** Draws an edge by dragging from `source`'s main outlet to `target`'s input handle. */
  async connect(source: string, target: string, handle = 'next'): Promise<void> {
    const from = await this.node(source).locator(`.react-flow__handle.source[data-handleid="${handle}"]`).boundingBox();
    const to = await this.node(target).locator('.react-flow__handle.target').boundingBox();
    if (!from || !to) throw new Error(`handles of ${source} or ${target} are not on screen`);
    const mouse = this.page.mouse;
    await mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await mouse.down();
    await mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await mouse.up();
  }

  /** Selects a step by clicking its node. */
  async select(id: string): Promise<void> {
    await this.node(id).click();
    await expect(this.page.getByLabel('Step id', { exact: true })).toHaveValue(id);
  }

  /** Sets the selected step's `next` in the inspector. */
  async setNext(target: string): Promise<void> {
    await this.page.getByLabel('Next', { exact: true }).selectOption(target);
  }

  /** Saves (toolbar Save) and waits until the dirty marker is gone. */
  async save(): Promise<void> {
    await this.button('Save').click();
    await expect(this.page.locator('.file[data-dirty="false"]')).toBeVisible();
  }

  /** Starts a run (or, with `Simulate`, a simulation) with `input` through the Run dialog. */
  async run(input: object, start: 'Start run' | 'Simulate' = 'Start run'): Promise<void> {
    await this.button('Run').click();
    await this.page.getByLabel('Run input').fill(JSON.stringify(input));
    await this.button(start).click();
    await expect(this.runPanel).toBeVisible();
  }

  /** Step ids of the run's path, in the order they started, as the run panel lists them. */
  async runPath(): Promise<string[]> {
    return this.page
      .locator('[data-path-step]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-path-step') ?? ''));
  }
}
