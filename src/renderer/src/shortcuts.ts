import type { MenuCommand } from '../../shared/ipc/api';

/** Commands the keyboard triggers beyond the native menu's. */
export type Command = MenuCommand | 'duplicate' | 'autoLayout' | 'train';

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  );
}

function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  return target === document.body || target.closest('.react-flow') !== null;
}

/**
 * The command a key press means, or null. Ctrl on Windows/Linux and Cmd on macOS; editing keys (undo, copy,
 * delete...) are left to text fields while one has focus, file commands work everywhere.
 */
export function commandForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>,
): Command | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 's') return e.shiftKey ? 'saveAs' : 'save';
    if (key === 'o') return 'open';
    if (key === 'n') return 'new';
    if (key === 'e') return 'exportModel';
  }
  if (key === 'F5') return 'train';
  if (isTextEntry(e.target)) return null;
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 'c') return 'copy';
    if (key === 'x') return 'cut';
    if (key === 'v') return 'paste';
    if (key === 'd') return 'duplicate';
    if (key === 'a') return 'selectAll';
    if (key === 'l' && e.shiftKey) return 'autoLayout';
    if (key === '=' || key === '+') return 'zoomIn';
    if (key === '-') return 'zoomOut';
    if (key === '0') return 'fitView';
  }
  // Only on the canvas (or nothing focused): Backspace on a toolbar button must not delete layers.
  if (!mod && !e.altKey && (key === 'Delete' || key === 'Backspace') && onCanvas(e.target)) return 'delete';
  return null;
}
