import { describe, expect, it } from 'vitest';
import { moveNodes, setConfigValue, setFlowDirection, setNodeLabel } from './graph-edits';
import { sameModel } from './same-model';
import { COURSE_CNN } from './testing/fixtures';

describe('sameModel', () => {
  it('ignores where the cards sit and the flow direction', () => {
    const moved = moveNodes(COURSE_CNN, new Map([['conv', { x: 500, y: 3 }]]));
    expect(sameModel(COURSE_CNN, setFlowDirection(moved, 'right'))).toBe(true);
    const reordered = { ...COURSE_CNN, nodes: [...COURSE_CNN.nodes].reverse() };
    expect(sameModel(COURSE_CNN, reordered)).toBe(true);
  });

  it('sees a changed setting, name, connection or output', () => {
    expect(sameModel(COURSE_CNN, setConfigValue(COURSE_CNN, 'hidden', 'units', 64))).toBe(false);
    expect(sameModel(COURSE_CNN, setNodeLabel(COURSE_CNN, 'hidden', 'features'))).toBe(false);
    expect(sameModel(COURSE_CNN, { ...COURSE_CNN, edges: COURSE_CNN.edges.slice(1) })).toBe(false);
    expect(sameModel(COURSE_CNN, { ...COURSE_CNN, outputId: 'dropout' })).toBe(false);
  });
});
