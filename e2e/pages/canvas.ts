/**
 * Page object for canvas gestures (STYLE.md §9): groups, box selection, Delete, Tidy up, drop
 * from the palette and finding badges. Selectors: DESIGN.md's Designer DOM (`data-step-id`,
 * `data-finding`), accessible names ("Tidy up", "Undo"), and React Flow's own pane class for
 * where a gesture starts. Positions are read from the nodes' screen boxes.
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** A screen rectangle. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class CanvasPage {
  constructor(readonly page: Page) {}

  /**
   * Waits until automatic layout has placed every step (`data-layout="done"` on the canvas pane;
   * the view is framed again then, so gestures measured before it could miss).
   */
  async settled(): Promise<void> {
    await expect(this.page.locator('.canvas-pane[data-layout="done"]')).toBeVisible();
    await this.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  }

  node(id: string): Locator {
    return this.page.locator(`[data-step-id="${id}"]`);
  }

  /** The frame drawn around parallel `id`'s branches. */
  parallelFrame(id: string): Locator {
    return this.page.locator(`[data-group-of="${id}"]`);
  }

  /** The finding badge on step `id`'s node. */
  findingBadge(id: string): Locator {
    return this.node(id).getByRole('status');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async box(id: string): Promise<Rect> {
    const b = await this.node(id).boundingBox();
    if (!b) throw new Error(`step ${id} is not on screen`);
    return b;
  }

  /** Whether rectangle `inner` lies inside `outer`. */
  static contains(outer: Rect, inner: Rect): boolean {
    return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
  }

  /** Shift-drags a selection box over the smallest rectangle holding the given steps. */
  async boxSelect(ids: string[]): Promise<void> {
    const boxes = await Promise.all(ids.map((id) => this.box(id)));
    const x0 = Math.min(...boxes.map((b) => b.x)) - 12;
    const y0 = Math.min(...boxes.map((b) => b.y)) - 12;
    const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + 12;
    const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + 12;
    const mouse = this.page.mouse;
    await this.page.keyboard.down('Shift');
    await mouse.move(x0, y0);
    await mouse.down();
    await mouse.move(x1, y1, { steps: 10 });
    await mouse.up();
    await this.page.keyboard.up('Shift');
  }

  /** Drags step `id`'s node by (dx, dy) screen pixels, from its title. */
  async drag(id: string, dx: number, dy: number): Promise<void> {
    const b = await this.box(id);
    const mouse = this.page.mouse;
    await mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await mouse.down();
    await mouse.move(b.x + b.width / 2 + dx, b.y + b.height / 2 + dy, { steps: 12 });
    await mouse.up();
  }

  /**
   * Drops palette entry `kind` on the canvas at screen point (x, y), as a drag from a palette
   * button would (drag data `application/x-flowsmith-step`): the canvas' own dragover and drop.
   */
  async dropFromPalette(kind: string, x: number, y: number): Promise<void> {
    // In the page (as text: this project's e2e code is typed without the DOM library).
    await this.page.evaluate(`(() => {
      const pane = document.querySelector('.react-flow__pane');
      const data = new DataTransfer();
      data.setData('application/x-flowsmith-step', ${JSON.stringify(kind)});
      for (const type of ['dragenter', 'dragover', 'drop']) {
        pane.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, clientX: ${x}, clientY: ${y}, dataTransfer: data }));
      }
    })()`);
  }

  /** A point of the empty pane, at least a node's size away from its edges. */
  async emptyPoint(): Promise<{ x: number; y: number }> {
    const p = await this.page.evaluate<{ x: number; y: number } | null>(`(() => {
      const pane = document.querySelector('.react-flow__pane')?.getBoundingClientRect();
      if (!pane) return null;
      for (let fy = 0.3; fy < 0.8; fy += 0.05) {
        for (let fx = 0.25; fx < 0.75; fx += 0.05) {
          const x = pane.left + pane.width * fx;
          const y = pane.top + pane.height * fy;
          if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
        }
      }
      return null;
    })()`);
    expect(p).not.toBeNull();
    return p as { x: number; y: number };
  }
}
