import { describe, expect, it } from 'vitest';
import { Emitter } from './emitter';

describe('Emitter', () => {
  it('calls each listener with the value until it unsubscribes', () => {
    const emitter = new Emitter<number>();
    const seen: number[] = [];
    const off = emitter.on((n) => seen.push(n));
    emitter.emit(1);
    off();
    emitter.emit(2);
    expect(seen).toEqual([1]);
    expect(emitter.listenerCount).toBe(0);
  });

  it('finishes an emit over the listeners it started with, even when one unsubscribes another', () => {
    const emitter = new Emitter();
    const calls: string[] = [];
    let offB = () => {};
    emitter.on(() => {
      calls.push('a');
      offB();
    });
    offB = emitter.on(() => calls.push('b'));
    emitter.emit();
    emitter.emit();
    expect(calls).toEqual(['a', 'b', 'a']);
  });

  it('clears every listener', () => {
    const emitter = new Emitter<string>();
    const seen: string[] = [];
    emitter.on((s) => seen.push(s));
    emitter.on((s) => seen.push(s.toUpperCase()));
    emitter.clear();
    emitter.emit('x');
    expect(seen).toEqual([]);
  });
});
