import { describe, expect, it } from 'vitest';
import { connectionProblem } from './connection-rules';
import { edge, graphOf, node } from './testing/fixtures';

/** in → a → b, plus a loose Dense c, a second Input and an Add fed by a. */
const graph = graphOf(
  [
    node('in', 'Input', { shape: [4] }),
    node('a', 'Dense'),
    node('b', 'Dense'),
    node('c', 'Dense'),
    node('in2', 'Input', { shape: [4] }),
    node('sum', 'Add'),
  ],
  [edge('in', 'a'), edge('a', 'b'), edge('a', 'sum', 0)],
);

describe('connectionProblem', () => {
  it('allows a free input and any number of inputs into a merge', () => {
    expect(connectionProblem(graph, 'b', 'c')).toBeNull();
    expect(connectionProblem(graph, 'c', 'sum')).toBeNull();
  });

  it('names why an edge is refused', () => {
    expect(connectionProblem(graph, 'a', 'a')).toMatch(/can't feed itself/);
    expect(connectionProblem(graph, 'a', 'in2')).toMatch(/takes no inputs/);
    expect(connectionProblem(graph, 'in', 'a')).toMatch(/already feeds/);
    expect(connectionProblem(graph, 'in2', 'b')).toMatch(/takes a single input/);
    expect(connectionProblem(graph, 'a', 'gone')).toMatch(/no longer exists/);
  });

  it('names a cycle first, also when the target is full, looking past the first step', () => {
    expect(connectionProblem(graph, 'b', 'in')).toMatch(/takes no inputs/);
    expect(connectionProblem(graph, 'b', 'a')).toMatch(/would make a cycle/);
  });
});
