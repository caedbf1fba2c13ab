import type { EditorStore } from './editor-store';

/** The part of `navigator.clipboard` copy/paste needs; tests pass a fake. */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
}

/** The page's clipboard, or null where there is none (insecure context, old browser, tests). */
export function browserClipboard(): TextClipboard | null {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  if (!clipboard || typeof clipboard.writeText !== 'function' || typeof clipboard.readText !== 'function') return null;
  return clipboard;
}

/**
 * Copies (or cuts) the selected layers to the in-memory clipboard and, when the host allows it, to the system
 * clipboard too, so they can be pasted into another window or a later session. A refused write (permission
 * denied, page not focused) is not an error: the in-memory copy still works in this window. Returns how many
 * layers were copied.
 */
export async function copyLayers(
  editor: EditorStore,
  clipboard: TextClipboard | null,
  options: { cut?: boolean } = {},
): Promise<number> {
  const count = editor.copy();
  if (count === 0) return 0;
  if (options.cut) editor.deleteSelection();
  const text = editor.copiedText();
  if (clipboard && text !== null) {
    try {
      await clipboard.writeText(text);
    } catch {
      // Denied or unavailable: keep the in-memory copy only.
    }
  }
  return count;
}

/** Where pasted layers came from; `invalid` means LayerLab text that could not be used (reported on the status line). */
export type PasteSource = 'system' | 'memory' | 'nothing' | 'invalid';

/**
 * Pastes LayerLab layers from the system clipboard when it holds some, else from the in-memory clipboard (the
 * system clipboard holds other text, or reading it was refused). A damaged or newer LayerLab fragment is
 * reported rather than silently replaced by an older in-memory copy. Returns where the layers came from and how many.
 */
export async function pasteLayers(
  editor: EditorStore,
  clipboard: TextClipboard | null,
): Promise<{ source: PasteSource; count: number }> {
  let text: string | null = null;
  if (clipboard) {
    try {
      text = await clipboard.readText();
    } catch {
      text = null;
    }
  }
  if (text !== null) {
    const result = editor.pasteText(text);
    if (result.ok) return { source: 'system', count: result.count };
    if (!result.foreign) {
      editor.setStatus(`Could not paste: ${result.reason}`, 'error');
      return { source: 'invalid', count: 0 };
    }
  }
  const count = editor.paste();
  return { source: count > 0 ? 'memory' : 'nothing', count };
}
