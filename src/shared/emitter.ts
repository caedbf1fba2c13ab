/**
 * A typed event source, the one every LayerLab store and host uses: `on` returns its own unsubscribe, and `emit`
 * calls the listeners registered when it starts, so a listener may unsubscribe (itself or another) while it runs.
 */
export class Emitter<T = void> {
  private readonly listeners = new Set<(value: T) => void>();

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }

  /** Drops every listener (on dispose). */
  clear(): void {
    this.listeners.clear();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
