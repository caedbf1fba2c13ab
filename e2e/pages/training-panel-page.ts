import { expect, type Locator, type Page } from '@playwright/test';

/** The training dock: dataset, hyperparameters, Train/Pause/Resume/Stop, charts and the confusion matrix. */
export class TrainingPanelPage {
  readonly root: Locator;
  readonly train: Locator;
  readonly pause: Locator;
  readonly resume: Locator;
  readonly stop: Locator;
  readonly lossChart: Locator;
  readonly accuracyChart: Locator;
  readonly confusionMatrix: Locator;
  readonly progress: Locator;
  readonly datasetSelect: Locator;

  constructor(page: Page) {
    this.root = page.getByRole('region', { name: 'Training' });
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    this.train = button('Train');
    this.pause = button('Pause');
    this.resume = button('Resume');
    this.stop = button('Stop');
    this.lossChart = page.getByRole('img', { name: 'Loss chart' });
    this.accuracyChart = page.getByRole('img', { name: 'Accuracy chart' });
    this.confusionMatrix = page.getByRole('table', { name: 'Confusion matrix' });
    this.progress = page.getByRole('progressbar', { name: 'Training progress' });
    this.datasetSelect = this.root.getByRole('combobox', { name: 'Dataset', exact: true });
  }

  async chooseDataset(id: string): Promise<void> {
    await this.datasetSelect.selectOption(id);
  }

  async setHyperparameter(label: string, value: string): Promise<void> {
    await this.root.getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  /** Counts of the confusion matrix, rows = true classes. */
  async confusionCounts(): Promise<number[][]> {
    const rows = this.confusionMatrix.locator('tbody tr');
    const out: number[][] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      out.push(cells.map((t) => Number(t.replace(/[^\d]/g, ''))));
    }
    return out;
  }

  /** Wait until the run has ended (Train enabled again). */
  async waitForEnd(timeout = 120_000): Promise<void> {
    await expect(this.stop).toBeDisabled({ timeout });
  }
}
