import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closePrompt, guardMainWindow, installCloseGuard, type ClosableWindow, type DirtyState } from './close-guard';

class FakeWindow extends EventEmitter implements ClosableWindow {
  closed = false;
  /** Emits 'close' like BrowserWindow, then 'closed' when nobody prevented it. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.closed = true;
    this.emit('closed');
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('closePrompt', () => {
  it('asks nothing when nothing would be lost', () => {
    expect(closePrompt({ unsavedChanges: false, training: false })).toBeNull();
  });
  it('names what would be lost', () => {
    expect(closePrompt({ unsavedChanges: true, training: false })?.detail).toMatch(/unsaved changes will be lost/);
    expect(closePrompt({ unsavedChanges: false, training: true })?.detail).toMatch(
      /training run in progress will be stopped/,
    );
    const both = closePrompt({ unsavedChanges: true, training: true })!;
    expect(both.detail).toMatch(/stopped and your unsaved changes/);
    expect(both.buttons[both.cancelId]).toBe('Cancel');
    expect(both.defaultId).toBe(both.cancelId);
  });
});

describe('installCloseGuard', () => {
  function setup(state: DirtyState, answer: 'cancel' | 'confirm') {
    const window = new FakeWindow();
    const ask = vi.fn(async (prompt: NonNullable<ReturnType<typeof closePrompt>>) =>
      answer === 'confirm' ? prompt.confirmId : prompt.cancelId,
    );
    installCloseGuard(window, () => state, ask);
    return { window, ask };
  }

  it('closes at once when clean', () => {
    const { window, ask } = setup({ unsavedChanges: false, training: false }, 'cancel');
    window.close();
    expect(window.closed).toBe(true);
    expect(ask).not.toHaveBeenCalled();
  });
  it('stays open when the user cancels', async () => {
    const { window, ask } = setup({ unsavedChanges: true, training: false }, 'cancel');
    window.close();
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(window.closed).toBe(false);
  });
  it('closes after the user confirms, asking once', async () => {
    const { window, ask } = setup({ unsavedChanges: false, training: true }, 'confirm');
    window.close();
    window.close(); // a second click while the dialog is open does not open a second dialog
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(window.closed).toBe(true);
  });
});

describe('guardMainWindow', () => {
  function setup(reported: DirtyState, running: boolean, answer: 'cancel' | 'confirm') {
    const window = new FakeWindow();
    const training = { isRunning: vi.fn(() => running), stop: vi.fn() };
    const ask = vi.fn(async (prompt: NonNullable<ReturnType<typeof closePrompt>>) =>
      answer === 'confirm' ? prompt.confirmId : prompt.cancelId,
    );
    const onClosed = vi.fn();
    guardMainWindow(window, { reported: () => reported, training, ask, onClosed });
    return { window, training, ask, onClosed };
  }

  it('asks about a run the host is training even when the renderer has not reported it, and keeps it on cancel', async () => {
    const { window, training, ask, onClosed } = setup({ unsavedChanges: false, training: false }, true, 'cancel');
    window.close();
    await flush();
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask.mock.calls[0][0].message).toBe('A network is still training.');
    expect(window.closed).toBe(false);
    expect(training.stop).not.toHaveBeenCalled();
    expect(onClosed).not.toHaveBeenCalled();
  });

  it('stops the run once the user confirms and the window is gone', async () => {
    const { window, training, onClosed } = setup({ unsavedChanges: true, training: true }, true, 'confirm');
    window.close();
    await flush();
    expect(window.closed).toBe(true);
    expect(training.stop).toHaveBeenCalledTimes(1);
    expect(onClosed).toHaveBeenCalledTimes(1);
  });

  it('closes without a question when nothing is running or unsaved', () => {
    const { window, ask, onClosed } = setup({ unsavedChanges: false, training: false }, false, 'cancel');
    window.close();
    expect(ask).not.toHaveBeenCalled();
    expect(window.closed).toBe(true);
    expect(onClosed).toHaveBeenCalled();
  });
});
