// What the server sends to <network-canvas> and what the canvas sends back. Framework-neutral shapes
// (like xyflow's NodeBase/EdgeBase): the canvas renders them and knows nothing about neural networks.

/** A message pinned to a node (and optionally one of its ports). */
export interface CanvasProblem {
  severity: 'ERROR' | 'WARNING';
  port: string | null;
  message: string;
  /** The label of a one-click repair ("Insert Reshape(1, 28, 28)"), shown as a button; null for none. */
  fix: string | null;
}

export interface CanvasNode {
  id: string;
  /** Palette group, used only for the colour stripe ("Core", "Activations", ...). */
  category: string;
  /** First line: the type in bold, then the key parameters ("Dense" + "4 · tanh"). */
  title: string;
  summary: string;
  /** Second line, e.g. "out [4]"; empty for none. */
  detail: string;
  /** Third line, e.g. "12 params · 16 FLOPs"; empty for none. */
  costs: string;
  /** Port names, in order: input i is drawflow's input_{i+1}, output i its output_{i+1}. */
  inputs: string[];
  outputs: string[];
  x: number;
  y: number;
  problems: CanvasProblem[];
  /** While comparing with another version: 'added' or 'changed' (a coloured outline and a tag); null otherwise. */
  diff: 'added' | 'changed' | null;
  /** What changed, a line each ("units: 4 → 8"): the tag's tooltip; null for none. */
  diffNote: string | null;
}

/**
 * A node of the compared version that the design no longer has: drawn dashed and faded at its old position. Not a
 * node of the graph: it cannot be selected, moved or connected, and no `graph-change` ever names it.
 */
export interface CanvasGhost {
  id: string;
  title: string;
  x: number;
  y: number;
}

/**
 * A connection of the compared version that the design no longer has: drawn dashed between the two ports; either end
 * may be a ghost. Not an edge of the graph: it cannot be selected or edited.
 */
export interface CanvasGhostEdge {
  fromNode: string;
  fromPort: string;
  toNode: string;
  toPort: string;
}

export interface CanvasEdge {
  id: string;
  fromNode: string;
  fromPort: string;
  toNode: string;
  toPort: string;
  /** Shown on the middle of the edge (a tensor shape such as "[4]"); empty for none. */
  label: string;
}

export interface CanvasView {
  /** Grows with every view the server sends. */
  revision: number;
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** The selected nodes' ids; the last one is the one the inspector shows. */
  selected: string[];
  /** When this changes, the canvas zooms and pans so that every node is visible. */
  fitKey: number;
  /** Removed nodes of the compared version (empty when not comparing). */
  ghosts: CanvasGhost[];
  /** Removed connections of the compared version (empty when not comparing). */
  ghostEdges: CanvasGhostEdge[];
  /** Ids of the edges the compared version does not have, drawn in the "added" colour (empty when not comparing). */
  addedEdges: string[];
}

/** One user edit, the detail of the `graph-change` event. Unused fields are null. */
export type GraphChangeKind =
  | 'node-added'
  | 'node-moved'
  | 'nodes-moved'
  | 'node-removed'
  | 'node-selected'
  | 'selection-changed'
  | 'edge-added'
  | 'edge-removed'
  | 'edge-rerouted'
  | 'edge-selected'
  | 'fix-requested';

/** A node's new position (`nodes-moved`). */
export interface NodeMove {
  nodeId: string;
  x: number;
  y: number;
}

export interface GraphChange {
  kind: GraphChangeKind;
  nodeId: string | null;
  nodeType: string | null;
  edgeId: string | null;
  x: number | null;
  y: number | null;
  fromNode: string | null;
  fromPort: string | null;
  /** `edge-rerouted`: the edge `edgeId` now ends at `toNode`'s `toPort` (its input end was dragged there). */
  toNode: string | null;
  toPort: string | null;
  /** `selection-changed`: the whole new selection. */
  nodeIds: string[] | null;
  /** `nodes-moved`: every moved node. */
  moves: NodeMove[] | null;
  /** `fix-requested`: the index of the problem in the node's `problems`. */
  problemIndex: number | null;
  /** `nodes-moved`: moved with the arrow keys (the server merges a quick run of them into one undo step). */
  keyboard: boolean | null;
}

/** Keyboard shortcuts that act on the server's state: the detail of the `canvas-command` event. */
export type CanvasCommand = 'undo' | 'redo' | 'copy' | 'cut' | 'paste' | 'delete' | 'select-all' | 'layout';

export function change(kind: GraphChangeKind, fields: Partial<Omit<GraphChange, 'kind'>> = {}): GraphChange {
  return {
    kind,
    nodeId: null,
    nodeType: null,
    edgeId: null,
    x: null,
    y: null,
    fromNode: null,
    fromPort: null,
    toNode: null,
    toPort: null,
    nodeIds: null,
    moves: null,
    problemIndex: null,
    keyboard: null,
    ...fields,
  };
}

/** The drag-and-drop data type a palette entry carries: the layer type's name. */
export const LAYER_MIME = 'application/x-netwright-layer';
