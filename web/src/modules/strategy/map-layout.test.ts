import { describe, expect, it } from 'vitest';
import { layoutMap, MAP_WIDTH, wrapTitle } from './map-layout';
import type { StrategyMap } from './queries';

const objective = (id: string, perspective: StrategyMap['objectives'][number]['perspective']) => ({
  id,
  title: `Objective ${id}`,
  level: 'company' as const,
  perspective,
  parentId: null,
  ownerId: 'u',
  progress: '50.00',
  health: null,
});

const map: StrategyMap = {
  cycleId: 'c',
  perspectives: ['financial', 'customer', 'internal-process', 'learning-growth'],
  objectives: [
    objective('f', 'financial'),
    objective('c1', 'customer'),
    objective('c2', 'customer'),
    objective('l', 'learning-growth'),
    objective('x', null),
  ],
  links: [
    { id: 'up', cycleId: 'c', fromId: 'l', toId: 'f', createdAt: '' },
    { id: 'side', cycleId: 'c', fromId: 'c1', toId: 'c2', createdAt: '' },
    { id: 'gone', cycleId: 'c', fromId: 'l', toId: 'cancelled', createdAt: '' },
  ],
};

describe('the strategy map layout', () => {
  it('draws a row per perspective (financial on top), one more for objectives without one', () => {
    const layout = layoutMap(map);
    expect(layout.rows.map((r) => r.perspective)).toEqual([
      'financial',
      'customer',
      'internal-process',
      'learning-growth',
      null,
    ]);
    const row = (id: string) => layout.nodes.find((n) => n.id === id)!.row;
    expect([row('f'), row('c1'), row('c2'), row('l'), row('x')]).toEqual([0, 1, 1, 3, 4]);
    for (const n of layout.nodes) expect(n.x + n.width).toBeLessThanOrEqual(MAP_WIDTH);
    const [c1, c2] = [layout.nodes.find((n) => n.id === 'c1')!, layout.nodes.find((n) => n.id === 'c2')!];
    expect(c1.x + c1.width).toBeLessThan(c2.x); // side by side, not overlapping
    expect(layoutMap({ ...map, objectives: map.objectives.slice(0, 4) }).rows).toHaveLength(4);
  });

  it('links the cause to the effect (upwards from the top edge), leaving out links to objectives not shown', () => {
    const layout = layoutMap(map);
    expect(layout.edges.map((e) => e.id)).toEqual(['up', 'side']);
    const l = layout.nodes.find((n) => n.id === 'l')!;
    const f = layout.nodes.find((n) => n.id === 'f')!;
    expect(layout.edges[0]!.path.startsWith(`M ${l.x + l.width / 2} ${l.y} `)).toBe(true);
    expect(layout.edges[0]!.path.endsWith(`${f.x + f.width / 2} ${f.y + f.height}`)).toBe(true);
  });

  it('wraps a title on two lines at most', () => {
    expect(wrapTitle('Grow revenue', 20)).toEqual(['Grow revenue']);
    expect(wrapTitle('Grow profitable revenue in every region we serve', 16)).toEqual([
      'Grow profitable',
      'revenue in every…',
    ]);
  });
});
