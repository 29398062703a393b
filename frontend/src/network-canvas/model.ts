// What the server sends to <network-canvas> and what the canvas sends back. Framework-neutral shapes
// (like xyflow's NodeBase/EdgeBase): the canvas renders them and knows nothing about neural networks.

/** A message pinned to a node (and optionally one of its ports). */
export interface CanvasProblem {
  severity: 'ERROR' | 'WARNING';
  port: string | null;
  message: string;
}

export interface CanvasNode {
  id: string;
  /** Palette group, used only for the colour stripe ("Core", "Activations", ...). */
  category: string;
  /** First line: the type in bold, then the key parameters ("Dense" + "4 · tanh"). */
  title: string;
  summary: string;
  /** Second line, e.g. "out [4] · 12 params"; empty for none. */
  detail: string;
  /** Port names, in order: input i is drawflow's input_{i+1}, output i its output_{i+1}. */
  inputs: string[];
  outputs: string[];
  x: number;
  y: number;
  problems: CanvasProblem[];
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
  /** The selected node's id, or null. */
  selected: string | null;
  /** When this changes, the canvas zooms and pans so that every node is visible. */
  fitKey: number;
}

/** One user edit, the detail of the `graph-change` event. Unused fields are null. */
export type GraphChangeKind =
  | 'node-added'
  | 'node-moved'
  | 'node-removed'
  | 'node-selected'
  | 'edge-added'
  | 'edge-removed'
  | 'edge-selected';

export interface GraphChange {
  kind: GraphChangeKind;
  nodeId: string | null;
  nodeType: string | null;
  edgeId: string | null;
  x: number | null;
  y: number | null;
  fromNode: string | null;
  fromPort: string | null;
  toNode: string | null;
  toPort: string | null;
}

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
    ...fields,
  };
}

/** The drag-and-drop data type a palette entry carries: the layer type's name. */
export const LAYER_MIME = 'application/x-netwright-layer';
