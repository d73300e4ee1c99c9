import { describe, expect, it } from 'vitest';
import { buildDag, layoutDag, NODE_WIDTH, topologicalOrder } from './dag';

const task = (code: number) => ({ code, name: `t${code}`, taskType: 'SHELL', taskParams: {} });

describe('buildDag / layoutDag', () => {
  const model = buildDag({
    taskDefinitionList: [task(1), task(2), task(3), task(4)],
    processTaskRelationList: [
      { preTaskCode: 0, postTaskCode: 1 },
      { preTaskCode: 1, postTaskCode: 2 },
      { preTaskCode: 1, postTaskCode: 3 },
      { preTaskCode: 1, postTaskCode: 3 }, // duplicate edge
      { preTaskCode: 9, postTaskCode: 4 }, // unknown predecessor
    ],
  });

  it('ignores root markers, duplicates and edges to unknown tasks', () => {
    expect(model.edges).toEqual([
      { from: 1, to: 2 },
      { from: 1, to: 3 },
    ]);
    expect(model.predecessors.get(3)).toEqual([1]);
    expect(model.successors.get(1)).toEqual([2, 3]);
  });

  it('orders tasks after their predecessors', () => {
    const order = topologicalOrder(model);
    expect(order.indexOf(1)).toBeLessThan(order.indexOf(2));
    expect(order.indexOf(1)).toBeLessThan(order.indexOf(3));
    expect(order).toHaveLength(4);
  });

  it('lays tasks out left to right without overlaps', () => {
    const positions = layoutDag(model);
    expect(positions.get(2)!.x).toBeGreaterThanOrEqual(positions.get(1)!.x + NODE_WIDTH);
    expect(positions.get(2)!.y).not.toBe(positions.get(3)!.y);
  });
});
