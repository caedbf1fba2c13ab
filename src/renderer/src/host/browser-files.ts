import type { BrowserFiles, PickedFile, RecentStore } from './web-client';

/** A hidden file input; resolves with the picked files (read lazily), or null when the user cancels. */
function pickFiles(accept: string, multiple: boolean): Promise<PickedFile[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    // Attached to the document so every browser (and Playwright's file chooser) sees a real input.
    document.body.appendChild(input);
    const done = (files: File[]) => {
      input.remove();
      if (files.length === 0) return resolve(null);
      // Read lazily, a slice at a time: a 200 MB data file is uploaded without ever being in memory whole.
      resolve(
        files.map((file) => ({
          name: file.name,
          size: file.size,
          read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
        })),
      );
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    input.click();
  });
}

/** File input and download link: browser mode's stand-ins for the native open and save dialogs. */
export const browserFiles: BrowserFiles = {
  async pickFile(accept) {
    return (await pickFiles(accept, false))?.[0] ?? null;
  },
  pickFiles: (accept) => pickFiles(accept, true),
  download(name, data, mimeType) {
    const blob = new Blob([data as BlobPart], { type: mimeType });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoke later: revoking at once can cancel the download in some browsers.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};

const RECENT_KEY = 'layerlab.recentProjects';
const MAX_RECENT = 8;

interface RecentEntry {
  handle: string;
  name: string;
  text: string;
}

/**
 * Recent projects in localStorage, text included (a page cannot reopen a file by path). When storage is full the
 * oldest entries go first; if even one doesn't fit, the list just stays as it was.
 */
export function localStorageRecent(storage: Storage = window.localStorage): RecentStore {
  const read = (): RecentEntry[] => {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]');
      return Array.isArray(parsed)
        ? parsed.filter(
            (e): e is RecentEntry =>
              !!e && typeof e.handle === 'string' && typeof e.name === 'string' && typeof e.text === 'string',
          )
        : [];
    } catch {
      return [];
    }
  };
  const write = (entries: RecentEntry[]) => {
    for (let keep = entries.length; keep > 0; keep--) {
      try {
        storage.setItem(RECENT_KEY, JSON.stringify(entries.slice(0, keep)));
        return;
      } catch {
        // Quota exceeded: retry with fewer entries.
      }
    }
  };
  return {
    list: () => read().map(({ handle, name }) => ({ handle, name })),
    get: (handle) => read().find((e) => e.handle === handle)?.text ?? null,
    put(name, text) {
      const handle = `web:${name}`;
      write([{ handle, name, text }, ...read().filter((e) => e.handle !== handle)].slice(0, MAX_RECENT));
      return handle;
    },
  };
}
