import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The exercise parts of the app: the `Exercises` toolbar button and its list, the exercise bar above the canvas
 * (`Check`, `Export submission`), the side panel's instructions and the `Exercise checklist`.
 */
export class ExercisePage {
  readonly bar: Locator;
  readonly instructions: Locator;
  readonly checklist: Locator;
  /** The check's training: aria-valuenow epochs done of aria-valuemax. */
  readonly progress: Locator;

  constructor(private readonly page: Page) {
    this.bar = page.getByRole('region', { name: 'Exercise', exact: true });
    this.instructions = page.getByRole('region', { name: 'Exercise instructions' });
    this.checklist = page.getByRole('list', { name: 'Exercise checklist' });
    this.progress = this.bar.getByRole('progressbar', { name: 'Check progress' });
  }

  /** Opens an exercise of the course pack by its title (agreeing to leave unsaved work). */
  async openFromPack(title: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Exercises', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Exercises' });
    await dialog.getByRole('button', { name: new RegExp(`^${title}:`) }).click();
    const confirm = this.page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    if (await confirm.isVisible().catch(() => false)) await confirm.getByRole('button').last().click();
    await expect(this.bar).toContainText(title);
  }

  /** Presses Check and waits for the checklist of that check (a check trains: up to `timeout` ms). */
  async check(timeout = 120_000): Promise<void> {
    const button = this.bar.getByRole('button', { name: 'Check', exact: true });
    await button.click();
    await expect(this.bar.getByRole('status')).toContainText('Checking…');
    await expect(this.progress).toBeVisible();
    await expect(button).toBeEnabled({ timeout });
    await expect(this.checklist).toBeVisible();
  }

  criterion(text: string | RegExp): Locator {
    return this.checklist.getByRole('listitem').filter({ hasText: text });
  }
}
