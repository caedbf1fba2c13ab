/** What the renderer last reported through `app.setDirtyState`. */
export interface DirtyState {
  unsavedChanges: boolean;
  training: boolean;
}

export interface ClosePrompt {
  message: string;
  detail: string;
  buttons: string[];
  /** Index of the button that closes anyway. */
  confirmId: number;
  cancelId: number;
  defaultId: number;
}

/** The question to ask before closing, or null when nothing would be lost. */
export function closePrompt(state: DirtyState): ClosePrompt | null {
  if (!state.unsavedChanges && !state.training) return null;
  const losses = [
    state.training ? 'the training run in progress will be stopped' : null,
    state.unsavedChanges ? 'your unsaved changes will be lost' : null,
  ].filter((x): x is string => x !== null);
  const detail = `If you close LayerLab now, ${losses.join(' and ')}.`;
  return {
    message: state.training ? 'A network is still training.' : 'You have unsaved changes.',
    detail,
    buttons: ['Cancel', 'Close anyway'],
    confirmId: 1,
    cancelId: 0,
    defaultId: 0,
  };
}

/** The slice of BrowserWindow the guard needs. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
}

/** The main window as its lifecycle sees it: it can be closed, and says when it is gone. */
export interface MainWindowLike extends ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/**
 * Intercept the window's close: if something would be lost, cancel it, ask, and close again only when the user
 * confirms. The second close passes because `confirmed` is set; a dialog already open is not opened twice.
 */
export function installCloseGuard(
  window: ClosableWindow,
  getState: () => DirtyState,
  ask: (prompt: ClosePrompt) => Promise<number>,
): void {
  let confirmed = false;
  let asking = false;
  window.on('close', (event) => {
    if (confirmed) return;
    const prompt = closePrompt(getState());
    if (!prompt) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void ask(prompt)
      .then((choice) => {
        if (choice === prompt.confirmId) {
          confirmed = true;
          window.close();
        }
      })
      .finally(() => {
        asking = false;
      });
  });
}

/**
 * The main window's close policy: ask before losing work, then end its run once it is gone (nobody is left to
 * watch it). A run counts as in progress when the renderer says so or when the training host says so, so a hung or
 * late renderer cannot let a run be closed away without the question.
 */
export function guardMainWindow(
  window: MainWindowLike,
  deps: {
    /** What the renderer last reported through `app.setDirtyState`. */
    reported: () => DirtyState;
    training: { isRunning(): boolean; stop(): void };
    ask: (prompt: ClosePrompt) => Promise<number>;
    onClosed?: () => void;
  },
): void {
  installCloseGuard(
    window,
    () => {
      const reported = deps.reported();
      return { ...reported, training: reported.training || deps.training.isRunning() };
    },
    deps.ask,
  );
  window.on('closed', () => {
    deps.training.stop();
    deps.onClosed?.();
  });
}
