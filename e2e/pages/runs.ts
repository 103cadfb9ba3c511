/**
 * Page object for runs in the designer (issue #9), on DESIGN.md's contract only: the bottom tabs
 * (Run, History, Approvals…), regions by accessible name (Run history, Variables, Approvals, Step
 * details), history rows by `data-run-id` / `data-run-status`, the "Time travel" slider and the
 * debugger's buttons by name.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

export class RunsPage {
  constructor(readonly page: Page) {}

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  region(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  /** Switches the bottom panel to tab `name` (Run, History, Approvals, Scenarios, Analytics, Findings). */
  async tab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** The Run region; its `data-run-status` is the status of the run on display. */
  get run(): Locator {
    return this.region('Run');
  }

  /** The history row of run `id`. */
  historyRow(id: string): Locator {
    return this.region('Run history').locator(`[data-run-id="${id}"]`);
  }

  /** Opens run `id` from the History tab and waits for it in the Run tab. */
  async openFromHistory(id: string): Promise<void> {
    await this.tab('History');
    await this.historyRow(id).getByRole('button', { name: `Open run ${id}` }).click();
    await expect(this.run).toHaveAttribute('data-run-id', id);
  }

  /** The Variables region's textbox of variable `name`. */
  variable(name: string): Locator {
    return this.region('Variables').getByRole('textbox', { name, exact: true });
  }

  /** Sets variable `name` to a JSON `value` and presses Enter; waits until the run reports it. */
  async setVariable(name: string, value: unknown): Promise<void> {
    const field = this.variable(name);
    await field.fill(JSON.stringify(value));
    await field.press('Enter');
    await expect(field).toHaveValue(JSON.stringify(value));
  }

  get timeTravel(): Locator {
    return this.page.getByRole('slider', { name: 'Time travel' });
  }

  /** The approval of `step` in run `run` in the Approvals inbox. */
  inboxApproval(run: string, step: string): Locator {
    return this.region('Approvals').locator(`[data-approval-run="${run}"][data-approval-step="${step}"]`);
  }

  /** Answers an approval in `scope` (an approval group) as `as`. */
  async approve(scope: Locator, as: string): Promise<void> {
    await scope.getByLabel('Approve as').fill(as);
    await scope.getByRole('button', { name: 'Approve', exact: true }).click();
  }

  /** The Run tab's virtual-time group of a simulation (`data-virtual-now`, `data-held`). */
  get virtualClock(): Locator {
    return this.run.getByRole('group', { name: 'Virtual time' });
  }

  /** The "Virtual time speed" choice. */
  get clockSpeed(): Locator {
    return this.run.getByRole('combobox', { name: 'Virtual time speed' });
  }

  /** Chooses a virtual time speed by its label (`60× real time`, `Jump to each timer, hold at approvals`). */
  async setClockSpeed(label: string): Promise<void> {
    await this.clockSpeed.selectOption({ label });
  }

  /** Saves a screenshot of the designer as `test-results/<name>.png` and attaches it to the test's report. */
  async screenshot(name: string): Promise<void> {
    const path = `test-results/${name}.png`;
    await this.page.screenshot({ path });
    await test.info().attach(name, { path, contentType: 'image/png' });
  }

  /** Saves the finished run on display as scenario `name` (Save as scenario → Scenario name → Save scenario). */
  async saveAsScenario(name: string): Promise<void> {
    await this.button('Save as scenario').click();
    await this.run.getByLabel('Scenario name').fill(name);
    await this.button('Save scenario').click();
    await expect(this.page.getByText(`Saved scenario "${name}"`)).toBeVisible();
  }
}
