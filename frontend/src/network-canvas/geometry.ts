// Coordinates of <network-canvas>: drawflow draws the graph in a "precanvas" the size of its container, transformed
// by `translate(tx, ty) scale(zoom)` around the container's centre. Canvas coordinates are the nodes' positions.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The pan and zoom of drawflow, with the size of the container. */
export interface Viewport {
  tx: number;
  ty: number;
  zoom: number;
  width: number;
  height: number;
}

/** The part of the canvas the container shows, in canvas coordinates. */
export function visibleRect(v: Viewport): Rect {
  const cx = v.width / 2;
  const cy = v.height / 2;
  return {
    x: cx + (0 - cx - v.tx) / v.zoom,
    y: cy + (0 - cy - v.ty) / v.zoom,
    width: v.width / v.zoom,
    height: v.height / v.zoom,
  };
}

/** The translation that puts canvas point (x, y) in the middle of the container at the viewport's zoom. */
export function centreOn(v: Viewport, x: number, y: number): { tx: number; ty: number } {
  return { tx: -(x - v.width / 2) * v.zoom, ty: -(y - v.height / 2) * v.zoom };
}

/** The smallest rectangle holding all of `rects` (null for none). */
export function union(rects: Rect[]): Rect | null {
  if (rects.length === 0) return null;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const r of rects) {
    minX = Math.min(minX, r.x);
    minY = Math.min(minY, r.y);
    maxX = Math.max(maxX, r.x + r.width);
    maxY = Math.max(maxY, r.y + r.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * How a minimap of `size` draws `world`: uniform scale, centred, with `pad` pixels around.
 * `toMap` maps canvas to minimap pixels, `toCanvas` back.
 */
export function minimapScale(world: Rect, size: { width: number; height: number }, pad = 6) {
  const scale = Math.min((size.width - 2 * pad) / Math.max(world.width, 1), (size.height - 2 * pad) / Math.max(world.height, 1));
  const ox = (size.width - world.width * scale) / 2 - world.x * scale;
  const oy = (size.height - world.height * scale) / 2 - world.y * scale;
  return {
    scale,
    toMap: (x: number, y: number) => ({ x: ox + x * scale, y: oy + y * scale }),
    toCanvas: (x: number, y: number) => ({ x: (x - ox) / scale, y: (y - oy) / scale }),
  };
}

/** True when the two rectangles overlap. */
/** Whether `inner` lies wholly inside `outer`. */
export function contains(outer: Rect, inner: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width
    && inner.y + inner.height <= outer.y + outer.height;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
