import type { Locator, Page } from '@playwright/test';

/** The layer palette: one button per layer kind, named by its display name. */
export class PalettePage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole('navigation', { name: 'Layer palette' });
  }

  button(displayName: string): Locator {
    return this.root.getByRole('button', { name: displayName, exact: true });
  }

  /** Add a layer by pressing its button (it goes after the selected layer). */
  async add(displayName: string): Promise<void> {
    await this.button(displayName).click();
  }

  /** Drag a layer onto the canvas at a point given relative to the canvas's top-left corner. */
  async dragOnto(displayName: string, canvas: Locator, at: { x: number; y: number }): Promise<void> {
    await this.button(displayName).dragTo(canvas, { targetPosition: at });
  }
}
