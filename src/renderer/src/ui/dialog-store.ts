import { Emitter } from '../../../shared/emitter';
import type { ConfirmFn } from '../project/project-controller';

export type ConfirmQuestion = Parameters<ConfirmFn>[0];

/** The one modal dialog on screen; opening another replaces it. */
export type Dialog =
  | { type: 'templates' }
  | { type: 'reference' }
  | { type: 'about' }
  | { type: 'commandPalette' }
  | { type: 'exercises' }
  | { type: 'saveAsExercise' }
  | { type: 'exportModel' }
  /** A problem to read in full, e.g. every unsupported layer of a model that could not be opened. */
  | { type: 'message'; title: string; message: string }
  | ({ type: 'confirm' } & ConfirmQuestion);

/**
 * Which dialog is open, as a small store (`useSyncExternalStore`), so commands, the project controller and the
 * keyboard can open one or ask whether one is open without going through a component. A question asked with
 * `confirm` is always answered: yes/no by the user, "no" when the dialog is closed or replaced.
 */
export class DialogStore {
  private current: Dialog | null = null;
  private answerPending: ((ok: boolean) => void) | null = null;
  private readonly changed = new Emitter();

  readonly getState = (): Dialog | null => this.current;

  readonly subscribe = (listener: () => void): (() => void) => this.changed.on(listener);

  get isOpen(): boolean {
    return this.current !== null;
  }

  open(dialog: Exclude<Dialog, { type: 'confirm' }>): void {
    this.show(dialog, null);
  }

  close(): void {
    if (this.current) this.show(null, null);
  }

  /** Asks a yes/no question in a dialog; resolves when the user answers (or the dialog goes away: no). */
  readonly confirm: ConfirmFn = (question) =>
    new Promise<boolean>((resolve) => this.show({ type: 'confirm', ...question }, resolve));

  /** The user's answer to the open question; closes it. */
  answer(ok: boolean): void {
    const resolve = this.answerPending;
    this.answerPending = null;
    this.show(null, null);
    resolve?.(ok);
  }

  private show(dialog: Dialog | null, answer: ((ok: boolean) => void) | null): void {
    const unanswered = this.answerPending;
    this.answerPending = answer;
    this.current = dialog;
    unanswered?.(false);
    this.changed.emit();
  }
}
