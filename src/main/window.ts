import { BrowserWindow } from 'electron';
import { hardenWebContents, secureWebPreferences } from './security';

export interface WindowOptions {
  preloadPath: string;
  /** The built renderer's index.html, served by the app:// protocol (app-protocol.ts). */
  rendererUrl: string;
  /** electron-vite's dev server, in development only. */
  devServerUrl?: string;
  dev: boolean;
  iconPath?: string;
  isAppUrl(url: string): boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'LayerLab',
    icon: options.iconPath,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(options.preloadPath, { dev: options.dev }),
  });
  hardenWebContents(window.webContents, options.isAppUrl);
  // Show once painted, so the window never flashes white.
  window.once('ready-to-show', () => window.show());
  if (options.devServerUrl) void window.loadURL(options.devServerUrl);
  else void window.loadURL(options.rendererUrl);
  return window;
}
