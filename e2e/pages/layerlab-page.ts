import { expect, type ElectronApplication, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CanvasPage } from './canvas-page';
import { InspectorPage } from './inspector-page';
import { PalettePage } from './palette-page';
import { TrainingPanelPage } from './training-panel-page';

export type Host = { kind: 'web' } | { kind: 'electron'; app: ElectronApplication };

/**
 * The whole app as the specs see it (like ComfyUI's ComfyPage): the regions as page objects, plus the project
 * actions whose mechanics differ per host (browser mode uploads and downloads; Electron shows native dialogs,
 * which the tests answer by stubbing `dialog` in the main process).
 */
export class LayerLabPage {
  readonly canvas: CanvasPage;
  readonly palette: PalettePage;
  readonly inspector: InspectorPage;
  readonly training: TrainingPanelPage;
  /** The last `started` event seen on the wire (browser mode), for sizes the UI doesn't print. */
  lastStarted: { trainSize: number; valSize: number; classNames: string[]; backend: string } | null = null;

  constructor(
    readonly page: Page,
    readonly host: Host,
  ) {
    this.canvas = new CanvasPage(page);
    this.palette = new PalettePage(page);
    this.inspector = new InspectorPage(page);
    this.training = new TrainingPanelPage(page);
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.includes('"started"')) return;
        try {
          const message = JSON.parse(payload) as { event?: string; payload?: { type?: string } };
          if (message.event === 'layerlab:training.event' && message.payload?.type === 'started') {
            this.lastStarted = message.payload as unknown as NonNullable<LayerLabPage['lastStarted']>;
          }
        } catch {
          // Not ours to judge: the client reports its own parse errors.
        }
      });
    });
  }

  async ready(): Promise<void> {
    await expect(this.palette.root).toBeVisible();
    await expect(this.canvas.root).toBeVisible();
  }

  toolbarButton(name: string) {
    return this.page.getByRole('group', { name: 'Project' }).getByRole('button', { name, exact: true });
  }

  /** Arrange the graph top to bottom and fit it in view (toolbar ▸ Auto-layout). */
  async autoLayout(): Promise<void> {
    await this.page.getByRole('button', { name: 'Auto-layout', exact: true }).click();
    await this.settle();
  }

  /** Let viewport animations (fit view after an edit, 200 ms) finish, so handles are where they will stay. */
  async settle(): Promise<void> {
    await this.page.waitForTimeout(400);
  }

  /** File ▸ New from a template (by its name in the dialog) or an empty project (null). */
  async newProject(templateName: string | null): Promise<void> {
    await this.toolbarButton('New…').click();
    await this.answerConfirm('discard');
    const dialog = this.page.getByRole('dialog', { name: 'New project' });
    await dialog.getByRole('button', { name: new RegExp(`^${templateName ?? 'Empty project'}`) }).click();
    await expect(dialog).toBeHidden();
    // With unsaved changes the question replaces the template dialog a moment after the pick (its text says "new
    // project" too, so answerConfirm's filter would skip it).
    const question = this.page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    if (
      await question.waitFor({ timeout: 1000 }).then(
        () => true,
        () => false,
      )
    ) {
      await question.getByRole('button', { name: 'Discard changes' }).click();
    }
  }

  /** If the app asks whether to discard unsaved changes, say yes. */
  private async answerConfirm(_answer: 'discard'): Promise<void> {
    const confirm = this.page.getByRole('dialog').filter({ hasNotText: 'New project' });
    if (await confirm.isVisible().catch(() => false)) {
      await confirm.getByRole('button').last().click();
    }
  }

  /** Save as; returns the saved file's text. Browser mode: a download; Electron: the save dialog answers `path`. */
  async saveAs(electronPath?: string): Promise<{ name: string; text: string }> {
    if (this.host.kind === 'web') {
      const download = this.page.waitForEvent('download');
      await this.toolbarButton('Save as…').click();
      const file = await download;
      const path = await file.path();
      return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
    }
    if (!electronPath) throw new Error('saveAs in Electron needs the path the dialog should return');
    await this.host.app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog;
    }, electronPath);
    await this.toolbarButton('Save as…').click();
    await expect.poll(() => readFileSafe(electronPath)).not.toBeNull();
    return { name: electronPath.split(/[\\/]/).pop()!, text: readFileSync(electronPath, 'utf8') };
  }

  /** Training ▸ Import data…: an upload in browser mode (streamed in pieces), the import dialog answering `path` in Electron. */
  async importData(path: string): Promise<void> {
    const button = this.training.root.getByRole('button', { name: 'Import data…', exact: true });
    if (this.host.kind === 'web') {
      const chooser = this.page.waitForEvent('filechooser');
      await button.click();
      await (await chooser).setFiles(path);
      return;
    }
    await this.host.app.evaluate(({ dialog }, p) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [p] })) as typeof dialog.showOpenDialog;
    }, path);
    await button.click();
  }

  /**
   * Export model… with the dialog's choices (format by its label, e.g. "PyTorch"); in browser mode returns the
   * downloaded zip's name and path.
   */
  async exportModel(choices: { format: string; includeData?: boolean }): Promise<{ name: string; path: string }> {
    if (this.host.kind !== 'web') throw new Error('exportModel: browser mode only (Electron asks for a folder)');
    await this.page.getByRole('button', { name: 'Export model…' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Export model' });
    await dialog.getByRole('radio', { name: choices.format, exact: true }).check();
    const data = dialog.getByRole('checkbox', { name: 'Include the data', exact: true });
    if (choices.includeData) await data.check();
    else await data.uncheck();
    const download = this.page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const file = await download;
    await expect(dialog).toBeHidden();
    return { name: file.suggestedFilename(), path: await file.path() };
  }

  /** File ▸ Open model… (through the command palette): browser mode uploads `paths`, picked together. */
  async openModel(paths: string[]): Promise<void> {
    if (this.host.kind !== 'web') throw new Error('openModel: browser mode only');
    await this.page.getByRole('button', { name: 'Commands', exact: true }).click();
    const commands = this.page.getByRole('dialog', { name: 'Command palette' });
    await commands.getByRole('combobox', { name: 'Search commands' }).fill('Open model');
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.keyboard.press('Enter');
    // An imported model opens unsaved, so opening another asks first; the question comes before the file picker.
    const confirm = this.page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    const first = await Promise.race([
      chooser.then(() => 'chooser'),
      confirm.waitFor().then(
        () => 'confirm',
        () => 'none',
      ),
    ]);
    if (first === 'confirm') await confirm.getByRole('button', { name: 'Discard changes' }).click();
    await (await chooser).setFiles(paths);
  }

  /** Open a project file: an upload in browser mode, the open dialog answering `path` in Electron. */
  async open(path: string): Promise<void> {
    if (this.host.kind === 'web') {
      const chooser = this.page.waitForEvent('filechooser');
      await this.toolbarButton('Open…').click();
      await this.answerConfirm('discard');
      await (await chooser).setFiles(path);
      return;
    }
    await this.host.app.evaluate(({ dialog }, p) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [p] })) as typeof dialog.showOpenDialog;
    }, path);
    await this.toolbarButton('Open…').click();
    await this.answerConfirm('discard');
  }
}

function readFileSafe(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
