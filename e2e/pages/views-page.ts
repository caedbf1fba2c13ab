import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The views inside the network: sections of the training dock, opened from its "Inside the network" list, plus the
 * confusion-matrix samples dialog.
 */
export class ViewsPage {
  /** The list that opens and closes the views. */
  readonly list: Locator;
  readonly boundarySection: Locator;
  readonly boundary: Locator;
  readonly tryIt: Locator;
  readonly samplesDialog: Locator;

  constructor(private readonly page: Page) {
    this.list = page.getByRole('navigation', { name: 'Inside the network' });
    this.boundarySection = page.getByRole('region', { name: 'Boundary', exact: true });
    this.boundary = page.getByRole('img', { name: 'Decision boundary', exact: true });
    this.tryIt = page.getByRole('region', { name: 'Try it', exact: true });
    this.samplesDialog = page.getByRole('dialog', { name: /^Samples/ });
  }

  /** Opens a view (a no-op when it is open) and returns its dock section, scrolled into sight. */
  async open(view: string): Promise<Locator> {
    const button = this.list.getByRole('button', { name: view, exact: true });
    if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
    const section = this.page.getByRole('region', { name: view, exact: true });
    await expect(section).toBeVisible();
    return section;
  }

  /** The confusion matrix's cell button for (true row, predicted column), and its count. */
  cell(row: number, column: number): Locator {
    return this.page
      .getByRole('table', { name: 'Confusion matrix' })
      .locator('tbody tr')
      .nth(row)
      .locator('td')
      .nth(column)
      .getByRole('button');
  }

  /** Whether the element is wholly inside the window (not scrolled off, not cut by the dock's edges). */
  async insideWindow(element: Locator): Promise<boolean> {
    const box = await element.boundingBox();
    const viewport = this.page.viewportSize();
    if (!box || !viewport) return false;
    return box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height;
  }

  /** How many pixels of a canvas differ from its first pixel: 0 for a blank picture. */
  async paintedPixels(canvas: Locator): Promise<number> {
    return canvas.evaluate((element) => {
      const c = element as HTMLCanvasElement;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let differing = 0;
      for (let i = 4; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differing++;
      }
      return differing;
    });
  }

  /** Draws a stroke from (x0, y0) to (x1, y1), given as fractions of the pad's size. */
  async draw(x0: number, y0: number, x1: number, y1: number): Promise<void> {
    const pad = this.tryIt.getByRole('img', { name: /^Drawing pad/ });
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    if (!box) throw new Error('the drawing pad is not visible');
    const at = (fx: number, fy: number) => [box.x + fx * box.width, box.y + fy * box.height] as const;
    await this.page.mouse.move(...at(x0, y0));
    await this.page.mouse.down();
    await this.page.mouse.move(...at(x1, y1), { steps: 12 });
    await this.page.mouse.up();
  }

  /** The probabilities the Try it panel shows, in class order. */
  async probabilities(): Promise<number[]> {
    const list = this.tryIt.getByRole('list', { name: 'Class probabilities' });
    await expect(list).toBeVisible();
    return list
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-probability'))));
  }

  /** Classifies the point (x, y) in the Try it panel of a 2-D model and returns the probabilities it shows. */
  async tryPoint(x: number, y: number): Promise<number[]> {
    const section = await this.open('Try it');
    await section.getByRole('spinbutton', { name: 'x' }).fill(String(x));
    await section.getByRole('spinbutton', { name: 'y' }).fill(String(y));
    const list = section.getByRole('list', { name: 'Class probabilities' });
    await expect(list).toBeHidden();
    await section.getByRole('button', { name: 'Classify' }).click();
    return this.probabilities();
  }

  /** How far the training dock's sections reach past its width, in CSS pixels: 0 when nothing needs a sideways scroll. */
  async dockOverflow(): Promise<number> {
    return this.page
      .getByRole('region', { name: 'Training' })
      .locator('.dock-body')
      .evaluate((body) => body.scrollWidth - body.clientWidth);
  }
}
