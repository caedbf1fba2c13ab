import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand, MenuCommandDetail } from '../shared/ipc/api';
import { setResourcesDir } from '../core/datasets/index';
import { createProcessDatasetReader } from '../core/engine/dataset-process';
import { createTrainingHost } from '../core/engine/training-host';
import { createRunViewer } from '../core/engine/run-viewer';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol';
import { guardMainWindow, type DirtyState } from './close-guard';
import { electronDialogs } from './electron-dialogs';
import { createInvokeHandlers, recentEntries } from '../core/services/invoke-handlers';
import { registerIpcHandlers } from './ipc/register-ipc';
import { buildMenuTemplate } from './menu';
import { appUrlMatcher, contentSecurityPolicy, hardenSession, hardenWebContents, isTrustedSender } from './security';
import { createServices } from '../core/services/create-services';
import { utilityProcessSpawner } from './utility-spawn';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const dev = !app.isPackaged;
const isAppUrl = appUrlMatcher({ rendererIndexUrl: APP_INDEX_URL, devServerUrl });
const csp = contentSecurityPolicy({ dev });

app.enableSandbox();
// Before ready, as Electron requires: the UI is served as app://layerlab/…, not from file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Tests (and portable setups) point the app at their own user data folder.
if (process.env['LAYERLAB_USER_DATA']) app.setPath('userData', process.env['LAYERLAB_USER_DATA']);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let dirty: DirtyState = { unsavedChanges: false, training: false };

  // Any web contents, even one we did not create, gets the same navigation lock.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    if (app.isPackaged) {
      // extraResources live outside the asar; the training process inherits the variable, main uses the setter.
      const resources = join(process.resourcesPath, 'resources');
      process.env['LAYERLAB_RESOURCES'] = resources;
      setResourcesDir(resources);
    }
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererDir: join(here, '../renderer'), csp }));
    hardenSession(session.defaultSession, { csp, devServerUrl, isAppUrl });

    // One entry for training runs, exercise checks and reading imports, each in a utility process of its own.
    const spawn = utilityProcessSpawner(join(here, 'training-process.js'));
    const services = createServices({
      userDataDir: app.getPath('userData'),
      trainingHost: createTrainingHost({ spawn }),
      runViewer: createRunViewer({ spawn }),
      createCheckHost: () => createTrainingHost({ spawn }),
      readDataset: createProcessDatasetReader(spawn),
    });
    const send = (command: MenuCommand, detail?: MenuCommandDetail) =>
      window?.webContents.send('layerlab:app.menuCommand', { command, detail });
    const rebuildMenu = async () => {
      const recent = await recentEntries(services.projects, services.handles);
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(buildMenuTemplate({ appName: app.name, platform: process.platform, dev, recent, send })),
      );
    };
    const handlers = createInvokeHandlers({
      ...services,
      dialogs: electronDialogs(() => window),
      onRecentChanged: () => void rebuildMenu(),
    });
    registerIpcHandlers(
      ipcMain,
      handlers,
      { 'layerlab:app.setDirtyState': (state) => void (dirty = state) },
      { isTrustedSender: (event) => isTrustedSender(event, isAppUrl), warn: (message) => console.warn(message) },
    );
    services.training.onEvent((event) => window?.webContents.send('layerlab:training.event', event));
    services.exercises.onEvent((event) => window?.webContents.send('layerlab:exercises.checkEvent', event));

    const openWindow = () => {
      const created = createMainWindow({
        preloadPath: join(here, '../preload/index.cjs'),
        rendererUrl: APP_INDEX_URL,
        devServerUrl,
        dev,
        isAppUrl,
      });
      window = created;
      guardMainWindow(created, {
        reported: () => dirty,
        training: services.training,
        ask: async (prompt) => (await dialog.showMessageBox(created, { type: 'question', ...prompt })).response,
        onClosed: () => {
          window = null;
          dirty = { unsavedChanges: false, training: false };
        },
      });
    };

    void rebuildMenu();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
    app.on('will-quit', () => services.dispose());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
