import type { Perspective, StrategyMap } from './queries';

/** The strategy map's drawing: one row per perspective (financial on top), nodes spread evenly, links as curves. */
export const MAP_WIDTH = 960;
const ROW_HEIGHT = 130;
const NODE_HEIGHT = 64;
const LABEL_WIDTH = 120;
const GAP = 16;

export interface MapRow {
  perspective: Perspective | null;
  y: number;
}

export interface MapNode {
  id: string;
  title: string;
  lines: string[];
  x: number;
  y: number;
  width: number;
  height: number;
  row: number;
  progress: string;
  health: StrategyMap['objectives'][number]['health'];
}

export interface MapEdge {
  id: string;
  fromId: string;
  toId: string;
  path: string;
}

/** Up to two lines of about `max` characters (the last one shortened with "…"). */
export function wrapTitle(title: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line);
      line = word;
      if (lines.length === 2) break;
    } else line = line ? `${line} ${word}` : word;
  }
  if (lines.length < 2 && line) lines.push(line);
  else if (lines.length === 2 && line) lines[1] = `${lines[1]}…`;
  return lines.map((l) => (l.length > max + 1 ? `${l.slice(0, max - 1)}…` : l));
}

/**
 * Lays out the map: the four perspective rows (a fifth, "No perspective", only when some objective
 * has none), the nodes of a row side by side, and each link a curve from the cause's edge to the
 * effect's (up, down, or sideways within a row).
 */
export function layoutMap(map: StrategyMap) {
  const keys: (Perspective | null)[] = [...map.perspectives];
  if (map.objectives.some((o) => o.perspective === null)) keys.push(null);
  const rows: MapRow[] = keys.map((perspective, i) => ({ perspective, y: i * ROW_HEIGHT }));
  const nodes = new Map<string, MapNode>();
  keys.forEach((perspective, row) => {
    const inRow = map.objectives.filter((o) => o.perspective === perspective);
    const room = MAP_WIDTH - LABEL_WIDTH - GAP;
    const width = Math.min(220, Math.floor(room / Math.max(inRow.length, 1)) - GAP);
    const used = inRow.length * (width + GAP) - GAP;
    const left = LABEL_WIDTH + GAP + Math.floor((room - used) / 2);
    inRow.forEach((o, i) =>
      nodes.set(o.id, {
        id: o.id,
        title: o.title,
        lines: wrapTitle(o.title, Math.max(8, Math.floor(width / 9))),
        x: left + i * (width + GAP),
        y: row * ROW_HEIGHT + (ROW_HEIGHT - NODE_HEIGHT) / 2,
        width,
        height: NODE_HEIGHT,
        row,
        progress: o.progress,
        health: o.health,
      }),
    );
  });
  const edges: MapEdge[] = [];
  for (const link of map.links) {
    const a = nodes.get(link.fromId);
    const b = nodes.get(link.toId);
    if (!a || !b) continue;
    let path: string;
    if (a.row === b.row) {
      // Sideways in a row: from the cause's side to the effect's, bowing upwards.
      const right = b.x > a.x;
      const x1 = right ? a.x + a.width : a.x;
      const x2 = right ? b.x : b.x + b.width;
      const y = a.y + 12;
      path = `M ${x1} ${y} C ${x1} ${y - 40}, ${x2} ${y - 40}, ${x2} ${y}`;
    } else {
      const up = b.row < a.row;
      const x1 = a.x + a.width / 2;
      const y1 = up ? a.y : a.y + a.height;
      const x2 = b.x + b.width / 2;
      const y2 = up ? b.y + b.height : b.y;
      const mid = (y1 + y2) / 2;
      path = `M ${x1} ${y1} C ${x1} ${mid}, ${x2} ${mid}, ${x2} ${y2}`;
    }
    edges.push({ id: link.id, fromId: link.fromId, toId: link.toId, path });
  }
  return {
    rows,
    nodes: [...nodes.values()],
    edges,
    width: MAP_WIDTH,
    height: keys.length * ROW_HEIGHT,
    rowHeight: ROW_HEIGHT,
  };
}
