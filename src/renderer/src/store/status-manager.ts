export interface StatusMessage {
  text: string;
  tone: 'info' | 'error';
  /** Increments on every message so the status line re-announces a repeated text. */
  seq: number;
}

/** The status line's one message: what just happened, or why something was refused. */
export class StatusManager {
  private message: StatusMessage | null = null;
  private seq = 0;

  get current(): StatusMessage | null {
    return this.message;
  }

  show(text: string, tone: StatusMessage['tone'] = 'info'): void {
    this.message = { text, tone, seq: ++this.seq };
  }

  /** Removes the message if it reports an error; true when it did. */
  clearError(): boolean {
    return this.message?.tone === 'error' ? this.clear() : false;
  }

  /** Removes the message; false when there was none (nothing to tell anyone). */
  clear(): boolean {
    if (!this.message) return false;
    this.message = null;
    return true;
  }
}
