import type { Locator, Page } from '@playwright/test';

/** The inspector of the selected layer: one labelled field per config key. */
export class InspectorPage {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Inspector' });
  }

  /** A field by the start of its label ("Units" matches "Units (≥ 1)"). */
  field(label: string): Locator {
    return this.root.getByLabel(new RegExp(`^${label}\\b`));
  }

  async set(label: string, value: string): Promise<void> {
    const field = this.field(label);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}
