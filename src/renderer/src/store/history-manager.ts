/**
 * Undo and redo over immutable snapshots (after tldraw's HistoryManager): each edit records the snapshot it
 * replaces. Edits sharing a `coalesce` key in quick succession (keystrokes in one field) are one step, so undo
 * takes back the whole value rather than one keystroke.
 */
export class HistoryManager<T> {
  private past: T[] = [];
  private future: T[] = [];
  private lastKey: string | undefined;
  private lastAt = -Infinity;

  constructor(
    private readonly options: {
      /** Most steps kept; the oldest go first. */
      limit: number;
      /** Edits with the same key closer together than this (in ms) are one step. */
      mergeWithinMs: number;
      /** Injected so tests control time. */
      now?: () => number;
    },
  ) {}

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** An edit replaces `before`; a new edit drops what could be redone. */
  record(before: T, coalesce?: string): void {
    const now = (this.options.now ?? Date.now)();
    const merge = coalesce !== undefined && coalesce === this.lastKey && now - this.lastAt < this.options.mergeWithinMs;
    this.lastKey = coalesce;
    this.lastAt = now;
    if (!merge) {
      this.past.push(before);
      if (this.past.length > this.options.limit) this.past.shift();
    }
    this.future = [];
  }

  /** The snapshot before `current`, or undefined with nothing to undo. */
  undo(current: T): T | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.lastKey = undefined;
    this.future.push(current);
    return previous;
  }

  /** The snapshot undone last, or undefined with nothing to redo. */
  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.lastKey = undefined;
    this.past.push(current);
    return next;
  }

  /** Forgets everything (a whole new project was loaded). */
  clear(): void {
    this.past = [];
    this.future = [];
    this.lastKey = undefined;
  }
}
