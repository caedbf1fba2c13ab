import { describe, expect, it } from 'vitest';
import { topologicalOrder } from './topological-order';

const e = (source: string, target: string) => ({ source, target });

describe('topologicalOrder', () => {
  it('orders sources first and keeps the given order among ties', () => {
    expect(topologicalOrder(['c', 'b', 'a'], [e('a', 'b'), e('b', 'c')])).toEqual({
      order: ['a', 'b', 'c'],
      cycleNodeIds: [],
    });
    expect(
      topologicalOrder(['x', 'in', 'y', 'm'], [e('in', 'x'), e('in', 'y'), e('x', 'm'), e('y', 'm')]).order,
    ).toEqual(['in', 'x', 'y', 'm']);
  });

  it('names only the nodes on a cycle, not those behind it', () => {
    const result = topologicalOrder(
      ['in', 'a', 'b', 'c', 'after'],
      [e('in', 'a'), e('a', 'b'), e('b', 'c'), e('c', 'a'), e('c', 'after')],
    );
    expect(result.order).toEqual(['in']);
    expect(result.cycleNodeIds).toEqual(['a', 'b', 'c']);
  });

  it('finds self-loops and separate cycles', () => {
    const result = topologicalOrder(['s', 'p', 'q', 'free'], [e('s', 's'), e('p', 'q'), e('q', 'p')]);
    expect(result.order).toEqual(['free']);
    expect(result.cycleNodeIds).toEqual(['s', 'p', 'q']);
  });

  it('handles long chains in linear time', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `n${i}`);
    const edges = ids.slice(1).map((id, i) => e(ids[i], id));
    const started = performance.now();
    expect(topologicalOrder(ids, edges).order).toHaveLength(20000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
