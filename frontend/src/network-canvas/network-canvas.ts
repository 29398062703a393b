import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import Drawflow, { type ConnectionEvent } from 'drawflow';
import 'drawflow/dist/drawflow.min.css';
import './network-canvas.css';
import { centreOn, contains, intersects, minimapScale, union, visibleRect, type Rect, type Viewport } from './geometry';
import {
  change,
  LAYER_MIME,
  type CanvasCommand,
  type CanvasEdge,
  type CanvasGhost,
  type CanvasGhostEdge,
  type CanvasNode,
  type CanvasView,
  type GraphChange,
  type NodeMove,
} from './model';
import { keyAction, keyScope, SHORTCUTS, SHORTCUTS_NOTE } from './shortcuts';

const NODE_WIDTH = 180;
/** How far below a node's top its first port's centre is (network-canvas.css: top 4px, 18px tall). */
const GHOST_PORT_Y = 13;
const SVG_NS = 'http://www.w3.org/2000/svg';
/** The minimap's distance from the canvas's bottom edge (network-canvas.css, .nw-minimap). */
const MINIMAP_BOTTOM = 28;
/** Below this, the zoom buttons leave the canvas free (network-canvas.css, .nw-toolbar: top 10px, buttons ~30px). */
const TOOLBAR_BOTTOM = 48;
const NODE_HEIGHT = 60;
const MINIMAP = { width: 180, height: 120 };
/** Below this zoom the canvas draws no edge labels and no node shadows (class nw-far). */
const FAR_ZOOM = 0.25;

/**
 * `<network-canvas>`: draws a graph of nodes with ports and lets the user move nodes, connect ports, select,
 * delete and add nodes, with the mouse or the keyboard. It wraps drawflow and renders in the light DOM (drawflow
 * looks nodes up by id in its container).
 *
 * The server owns the graph and the selection: it sets `view` (nodes, edges with labels, problems with their fixes,
 * the selection) and the canvas reconciles drawflow with it. User edits are not applied locally (except drawflow's
 * own move and connect gestures, and arrow-key moves); they go up as `graph-change` events, keyboard shortcuts that
 * act on the server's state (undo, copy, delete, ...) as `canvas-command` events, and come back in the next `view`.
 * Zoom, pan, fit, the minimap and the shortcut help are the canvas's own.
 *
 * The shortcuts listen on the document while the canvas is connected, so they work anywhere on the page except where
 * the keys belong to the focused element (`keyScope`: text fields, selects, dialogs). While the server compares the
 * design with another version, nodes carry a `diff` mark and the view lists `ghosts`: removed nodes, drawn outside
 * drawflow (so they can never be selected, dragged or reported as edits).
 */
@customElement('network-canvas')
export class NetworkCanvas extends LitElement {
  @property({ attribute: false }) view: CanvasView | null = null;

  /** Milliseconds the last `view` took to reconcile (for the benchmark in the browser test). */
  lastApplyMs = 0;

  @state() private helpOpen = false;
  /** The node a keyboard connection starts from (after C), or null. */
  @state() private connectFrom: string | null = null;

  private editor?: Drawflow;
  private labels?: HTMLElement;
  private ghostLayer?: HTMLElement;
  /** The removed connections of a comparison (dashed paths) and the connection keys drawn as added. */
  private ghostEdgeSvg?: SVGSVGElement;
  private ghostEdges: CanvasGhostEdge[] = [];
  private addedEdgeKeys = new Set<string>();
  private minimap?: SVGSVGElement;
  /** The minimap's rectangle of each node, by node id, and that of the visible part. */
  private minimapRects = new Map<string, SVGRectElement>();
  private minimapView?: SVGRectElement;
  /** Our node id → drawflow's numeric id, and back. */
  private dfIds = new Map<string, number>();
  private nodeIds = new Map<number, string>();
  /** Connection key (see `key`) → our edge id. */
  private edgeIds = new Map<string, string>();
  /** Connection key → the text shown on it, and the label element showing it. */
  private edgeLabels = new Map<string, string>();
  private labelEls = new Map<string, HTMLElement>();
  private nodes = new Map<string, CanvasNode>();
  /** What each node's content was drawn from: unchanged nodes are not redrawn. */
  private drawn = new Map<string, string>();
  private selected: string[] = [];
  /** True while the canvas changes drawflow itself: drawflow's events then are not user edits. */
  private applying = false;
  private appliedFitKey: number | null = null;
  /** A fit was asked for before the canvas had a size. */
  private fitPending = false;
  private pendingUnselect = { node: false, edge: false };
  private overlayFrame = 0;
  /** An edit or command went to the server and its view has not come back yet. */
  private awaitingView = false;
  /** A press on a node of a multi-selection: the selection moves together; a click without a move selects the node alone. */
  private groupPress: { nodeId: string; start: Map<string, { x: number; y: number }>; moved: boolean } | null = null;
  /**
   * A connection picked up by its input end: drawflow draws a new one from the same output port while the mouse
   * moves; dropped on an input port it is re-routed there, dropped elsewhere after a move it is deleted.
   */
  private reroute: { edgeId: string; path: Element | null; x: number; y: number; moved: boolean; upOnPort: boolean } | null = null;
  private box: { x0: number; y0: number; el: HTMLElement } | null = null;
  private readonly keyListener = (e: KeyboardEvent) => this.onKeyDown(e);

  protected createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    // capture phase on the document: the shortcuts work wherever the focus is on the page (keyScope says where they
    // do not), and come before drawflow's own Delete handling
    document.addEventListener('keydown', this.keyListener, true);
  }

  disconnectedCallback() {
    document.removeEventListener('keydown', this.keyListener, true);
    super.disconnectedCallback();
  }

  protected render() {
    const empty = (this.view?.nodes.length ?? 0) === 0;
    const stop = (e: Event) => e.stopPropagation();
    return html`
      <!-- drawflow tells a press on the background by the container's FIRST class: parent-drawflow must come first -->
      <div class="parent-drawflow nw-canvas" role="application" aria-label="Network canvas" aria-describedby="nw-canvas-hint"></div>
      <div class="nw-toolbar" @mousedown=${stop}>
        <button type="button" title="Zoom out (−)" aria-label="Zoom out" @click=${() => this.zoom(-1)}>−</button>
        <button type="button" title="Zoom in (+)" aria-label="Zoom in" @click=${() => this.zoom(1)}>+</button>
        <button type="button" title="Show every layer (F)" @click=${() => this.fit()}>Fit</button>
        <button type="button" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts" aria-expanded=${this.helpOpen}
                @click=${() => (this.helpOpen = !this.helpOpen)}>?</button>
      </div>
      ${empty ? html`<div class="nw-empty">Drag layers here from the palette, or pick a template.</div>` : nothing}
      ${this.connectFrom
        ? html`<div class="nw-connect-hint" role="status">
            Connecting from <b>${this.connectFrom}</b>: select the target layer (Tab, or click) and press Enter · Esc cancels
          </div>`
        : nothing}
      <div class="nw-hint" id="nw-canvas-hint">
        Drag from a node's right port to another's left port to connect · Shift-click or Shift-drag selects several ·
        Delete removes the selection · press ? for every shortcut
      </div>
      <svg class="nw-minimap" role="img" aria-label="Minimap: click to pan there" width=${MINIMAP.width} height=${MINIMAP.height}
           @mousedown=${(e: MouseEvent) => this.onMinimap(e)}></svg>
      ${this.helpOpen ? this.renderHelp() : nothing}
    `;
  }

  private renderHelp() {
    return html`
      <div class="nw-help" role="dialog" aria-label="Keyboard shortcuts" @mousedown=${(e: Event) => e.stopPropagation()}>
        <div class="nw-help-header">
          <h3>Keyboard shortcuts</h3>
          <button type="button" aria-label="Close" @click=${() => (this.helpOpen = false)}>×</button>
        </div>
        <dl>${SHORTCUTS.map(([keys, what]) => html`<dt>${keys}</dt><dd>${what}</dd>`)}</dl>
        <p class="nw-help-note">${SHORTCUTS_NOTE}</p>
      </div>
    `;
  }

  protected firstUpdated() {
    const container = this.querySelector<HTMLElement>('.nw-canvas')!;
    this.minimap = this.querySelector<SVGSVGElement>('.nw-minimap')!;
    const editor = new Drawflow(container);
    editor.curvature = 0.35;
    editor.zoom_min = 0.2;
    editor.start();
    this.editor = editor;

    this.labels = document.createElement('div');
    this.labels.className = 'nw-edge-labels';
    editor.precanvas.prepend(this.labels);
    // removed nodes of a comparison: under the real ones, and out of drawflow's reach (pointer-events: none)
    this.ghostLayer = document.createElement('div');
    this.ghostLayer.className = 'nw-ghosts';
    this.ghostLayer.setAttribute('role', 'group');
    this.ghostLayer.setAttribute('aria-label', 'Removed since the compared version');
    editor.precanvas.prepend(this.ghostLayer);
    this.ghostEdgeSvg = document.createElementNS(SVG_NS, 'svg');
    this.ghostEdgeSvg.classList.add('nw-ghost-edges');
    this.ghostEdgeSvg.setAttribute('aria-hidden', 'true'); // the ghosts' group names what was removed
    editor.precanvas.prepend(this.ghostEdgeSvg);

    editor.on('nodeSelected', (id: string) => {
      this.pendingUnselect.node = false;
      if (this.applying || this.groupPress) return;
      this.emit(change('node-selected', { nodeId: this.nodeIds.get(Number(id)) ?? null }));
    });
    editor.on('nodeUnselected', () => {
      if (!this.groupPress) this.deferUnselect('node');
    });
    editor.on('connectionSelected', (c: ConnectionEvent) => {
      this.pendingUnselect.edge = false;
      this.emit(change('edge-selected', { edgeId: this.edgeIds.get(key(c)) ?? null }));
    });
    editor.on('connectionUnselected', () => this.deferUnselect('edge'));
    editor.on('nodeMoved', (id: string) => this.onNodeMoved(Number(id)));
    editor.on('connectionCreated', (c: ConnectionEvent) => {
      if (this.applying) return;
      const from = this.nodes.get(this.nodeIds.get(Number(c.output_id)) ?? '');
      const to = this.nodes.get(this.nodeIds.get(Number(c.input_id)) ?? '');
      const fromPort = from?.outputs[portIndex(c.output_class)];
      const toPort = to?.inputs[portIndex(c.input_class)];
      const reroute = this.endReroute();
      if (from && to && fromPort && toPort) {
        if (reroute) this.emit(change('edge-rerouted', { edgeId: reroute.edgeId, toNode: to.id, toPort }));
        else this.emit(change('edge-added', { fromNode: from.id, fromPort, toNode: to.id, toPort }));
      }
      this.scheduleOverlays();
    });
    editor.on('connectionCancel', () => {
      const reroute = this.endReroute();
      // dropped on the canvas after a move: the connection goes; a click, or a drop on a port, leaves it as it was
      if (reroute && reroute.moved && !reroute.upOnPort) this.emit(change('edge-removed', { edgeId: reroute.edgeId }));
    });
    editor.on('mouseMove', () => {
      if (editor.drag) {
        this.dragGroup();
        this.scheduleOverlays();
      }
    });
    editor.on('mouseUp', () => this.endGroupPress());
    editor.on('zoom', () => this.scheduleOverlays());
    editor.on('translate', () => this.scheduleOverlays());

    // selection gestures, fix buttons and drawflow's right-click "x" are ours: capture them on the host before
    // drawflow (inside it) sees them
    this.addEventListener('mousedown', (e) => this.onMouseDown(e), true);
    this.addEventListener('mousemove', (e) => {
      if (this.reroute && Math.hypot(e.clientX - this.reroute.x, e.clientY - this.reroute.y) > 4) this.reroute.moved = true;
    }, true);
    this.addEventListener('mouseup', (e) => {
      if (this.reroute) this.reroute.upOnPort = (e.target as Element).classList?.contains('input') ?? false;
    }, true);
    this.addEventListener('click', (e) => this.onClick(e));

    container.addEventListener('dragover', (e) => {
      if (e.dataTransfer?.types.includes(LAYER_MIME)) {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }
    });
    container.addEventListener('drop', (e) => {
      const type = e.dataTransfer?.getData(LAYER_MIME);
      if (!type) return;
      e.preventDefault();
      const p = this.toCanvas(e.clientX, e.clientY);
      this.emit(change('node-added', { nodeType: type, x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 }));
    });
    new ResizeObserver(() => {
      if (this.fitPending) this.fit();
      this.scheduleOverlays();
    }).observe(container);
  }

  protected updated(changed: Map<string, unknown>) {
    if (changed.has('view') && this.editor && this.view) this.apply(this.view);
  }

  /** Asks the server to add a node of `type` near the middle of the visible area (palette clicks). */
  requestAdd(type: string) {
    const container = this.querySelector<HTMLElement>('.nw-canvas')!;
    const r = container.getBoundingClientRect();
    const c = this.toCanvas(r.x + r.width / 2, r.y + r.height / 2);
    const visible = visibleRect(this.viewport());
    const rects = [...this.nodeRects().values()];
    // the minimap covers part of the view: no place under it
    const map = this.minimap?.getBoundingClientRect();
    if (map && map.width) {
      const a = this.toCanvas(map.x, map.y);
      const b = this.toCanvas(map.right, map.bottom);
      rects.push({ x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y });
    }
    // a new layer is unconnected, so it shows a problem: about 110 px tall, not NODE_HEIGHT
    const tall = 110;
    const free = (p: { x: number; y: number }) =>
      !rects.some((n) => intersects(n, { x: p.x - 16, y: p.y - 16, width: NODE_WIDTH + 32, height: tall + 32 }));
    const inView = (p: { x: number; y: number }) => contains(visible, { ...p, width: NODE_WIDTH, height: tall });
    // the middle of the view, else the nearest free place of a grid around it: in view if there is one (else the
    // view pans to the new layer)
    const middle = { x: c.x - NODE_WIDTH / 2, y: c.y - NODE_HEIGHT / 2 };
    let at = middle;
    if (!free(middle)) {
      const places: { x: number; y: number }[] = [];
      for (let i = -8; i <= 8; i++) {
        for (let j = -8; j <= 8; j++) places.push({ x: middle.x + i * (NODE_WIDTH + 40), y: middle.y + j * (tall + 40) });
      }
      const distance = (p: { x: number; y: number }) => Math.hypot(p.x - middle.x, p.y - middle.y) + (inView(p) ? 0 : 1e6);
      at = places.filter(free).sort((a, b) => distance(a) - distance(b))[0] ?? middle;
    }
    this.emit(change('node-added', { nodeType: type, x: Math.round(at.x), y: Math.round(at.y) }));
  }

  /** Pans (zoom unchanged) to the middle of `ids` when one of them is not wholly in view. */
  private showNodes(ids: string[]) {
    const rects = this.nodeRects();
    const box = union(ids.map((id) => rects.get(id)).filter((r): r is Rect => !!r));
    if (!box) return;
    if (!contains(visibleRect(this.viewport()), box)) this.panTo(box.x + box.width / 2, box.y + box.height / 2);
  }

  /** Zooms and pans so that every node is visible (zoom at most 1). */
  fit() {
    const editor = this.editor;
    if (!editor) return;
    const container = editor.container;
    const bounds = union([...this.nodeRects().values()]);
    if (!bounds) return;
    if (container.clientWidth === 0) {
      this.fitPending = true;
      return;
    }
    this.fitPending = false;
    const pad = 24; // screen pixels around the layers
    const w = container.clientWidth;
    // the zoom buttons cover the top right corner, the minimap (and the hint below it) the bottom right one: the
    // layers go in the band between them (a canvas too low for a band uses its whole height)
    const top = TOOLBAR_BOTTOM;
    const bottom = MINIMAP.height + MINIMAP_BOTTOM + 8;
    const band = container.clientHeight - top - bottom >= container.clientHeight / 2;
    const h = band ? container.clientHeight - top - bottom : container.clientHeight;
    const zoom = Math.max(editor.zoom_min, Math.min(1, (w - 2 * pad) / bounds.width, (h - 2 * pad) / bounds.height));
    editor.zoom = zoom;
    editor.zoom_last_value = zoom;
    this.panTo(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, band ? (top - bottom) / 2 : 0);
  }

  // ---------------------------------------------------------------- reconciling drawflow with the view

  private apply(view: CanvasView) {
    const started = performance.now();
    const editor = this.editor!;
    const touched = new Set<number>();
    const added: string[] = [];
    const hadFocus = this.contains(document.activeElement);
    this.applying = true;
    try {
      const wanted = new Map(view.nodes.map((n) => [n.id, n]));
      for (const [id, dfId] of [...this.dfIds]) {
        const next = wanted.get(id);
        const prev = this.nodes.get(id);
        if (!next || !prev || !samePorts(prev, next)) this.removeNode(id, dfId);
      }
      for (const node of view.nodes) {
        const known = this.dfIds.get(node.id);
        if (known === undefined) added.push(node.id);
        const dfId = known ?? this.addNode(node);
        // a new node's connections are drawn when they are added (below); an old one's only move with it
        if (this.updateNode(dfId, node) && known !== undefined) touched.add(dfId);
        this.nodes.set(node.id, node);
      }
      // drawflow redraws both ends' connections on every addConnection; collect the ends and redraw each once below
      const ends = new Set<string>();
      const redraw = editor.updateConnectionNodes;
      editor.updateConnectionNodes = (id: string) => void ends.add(id);
      try {
        this.applyEdges(view.edges);
      } finally {
        editor.updateConnectionNodes = redraw;
      }
      this.applyGhosts(view.ghosts ?? []);
      this.ghostEdges = view.ghostEdges ?? [];
      this.markAddedEdges(new Set(view.addedEdges ?? []));
      this.applySelection(view.selected ?? []);
      for (const dfId of touched) ends.add('node-' + dfId);
      this.redrawConnections(ends);
    } finally {
      this.applying = false;
    }
    if (this.connectFrom && !this.nodes.has(this.connectFrom)) this.connectFrom = null;
    // the focused node was deleted: keep the keyboard on the canvas
    if (hadFocus && !this.contains(document.activeElement)) editor.container.focus({ preventScroll: true });
    this.requestUpdate(); // the empty-canvas hint
    if (view.fitKey !== this.appliedFitKey) {
      this.appliedFitKey = view.fitKey;
      requestAnimationFrame(() => this.fit());
    } else if (this.appliedFitKey !== null) {
      // a layer just added and selected (palette, paste, block) that is out of view: pan to it
      const fresh = added.filter((id) => this.selected.includes(id));
      if (fresh.length) requestAnimationFrame(() => this.showNodes(fresh));
    }
    this.scheduleOverlays();
    this.lastApplyMs = performance.now() - started;
    this.awaitingView = false;
    this.dataset.revision = String(view.revision);
  }

  private addNode(node: CanvasNode): number {
    const editor = this.editor!;
    const dfId = editor.addNode(node.id, node.inputs.length, node.outputs.length, node.x, node.y, 'nw-node', {}, '');
    this.dfIds.set(node.id, dfId);
    this.nodeIds.set(dfId, node.id);
    const el = this.nodeElement(dfId)!;
    el.tabIndex = 0;
    el.setAttribute('role', 'button');
    return dfId;
  }

  private removeNode(id: string, dfId: number) {
    const editor = this.editor!;
    const el = this.nodeElement(dfId);
    if (el && editor.node_selected === el) editor.node_selected = null;
    editor.removeNodeId('node-' + dfId);
    this.dfIds.delete(id);
    this.nodeIds.delete(dfId);
    this.nodes.delete(id);
    this.drawn.delete(id);
  }

  /**
   * Brings a node's position and content up to date; true when it moved (its ports sit at its top, at fixed
   * offsets, so new content alone does not move them).
   */
  private updateNode(dfId: number, node: CanvasNode): boolean {
    const editor = this.editor!;
    const el = this.nodeElement(dfId);
    const data = editor.drawflow.drawflow[editor.module].data[dfId];
    if (!el || !data) return false;
    let moved = false;
    const dragging = editor.drag && (editor.node_selected === el || this.groupPress?.start.has(node.id));
    if (!dragging && (Math.abs(data.pos_x - node.x) > 0.5 || Math.abs(data.pos_y - node.y) > 0.5)) {
      this.place(el, data, node.x, node.y);
      moved = true;
    }
    const signature = JSON.stringify([node.category, node.title, node.summary, node.detail, node.costs, node.problems, node.inputs,
      node.diff, node.diffNote]);
    if (this.drawn.get(node.id) === signature) return moved;
    this.drawn.set(node.id, signature);
    el.dataset.nodeId = node.id;
    setAttribute(el, 'aria-label', [node.title, node.id, node.summary, node.detail, node.costs,
      ...node.problems.map((p) => p.message), node.diff, node.diffNote].filter((t) => t).join(', '));
    const errors = node.problems.filter((p) => p.severity === 'ERROR');
    setAttribute(el, 'class', el.className
      .split(' ')
      .filter((c) => !c.startsWith('nw-cat-') && !c.startsWith('nw-diff-') && c !== 'nw-error' && c !== 'nw-warning' && c !== 'nw-block')
      .concat('nw-cat-' + node.category.toLowerCase().replace(/[^a-z0-9]+/g, '-'))
      // a block instance: one node standing for a block's layers
      .concat(node.category === 'Block' ? ['nw-block'] : [])
      .concat(errors.length ? ['nw-error'] : node.problems.length ? ['nw-warning'] : [])
      .concat(node.diff ? ['nw-diff-' + node.diff] : [])
      .join(' '));
    el.querySelectorAll('.input').forEach((port, i) => {
      const name = node.inputs[i];
      const error = errors.some((p) => p.port === name);
      if (port.classList.contains('nw-port-error') !== error) port.classList.toggle('nw-port-error', error);
      setAttribute(port, 'title', 'input ' + name);
    });
    el.querySelectorAll('.output').forEach((port, i) => setAttribute(port, 'title', 'output ' + node.outputs[i]));
    // most edits change only texts (a shape, a count) of many nodes downstream: patch those in place
    morph(el.querySelector('.drawflow_content_node')!, content(node));
    return moved;
  }

  /**
   * Redraws every connection of the given drawflow nodes ("node-7") as drawflow's updateConnectionNodes does (port
   * centres, drawflow's curve), but reads all the ports' positions before writing any path: one layout of the page
   * instead of one per node (updateConnectionNodes writes, then the next one reads).
   */
  private redrawConnections(nodes: Set<string>) {
    const editor = this.editor!;
    const svgs = new Set<Element>();
    for (const id of nodes) {
      editor.container.querySelectorAll(`.connection.node_in_${id}, .connection.node_out_${id}`).forEach((c) => svgs.add(c));
    }
    if (!svgs.size) return;
    const paths: [Element, string][] = [];
    for (const svg of svgs) {
      const cls = svg.classList; // connection node_in_node-<in> node_out_node-<out> <outClass> <inClass>
      const out = editor.container.querySelector<HTMLElement>(`#${cls[2].slice('node_out_'.length)} .${cls[3]}`);
      const inp = editor.container.querySelector<HTMLElement>(`#${cls[1].slice('node_in_'.length)} .${cls[4]}`);
      const path = svg.querySelector('.main-path');
      if (!out || !inp || !path) continue;
      const a = this.portCentre(out);
      const b = this.portCentre(inp);
      paths.push([path, editor.createCurvature(a.x, a.y, b.x, b.y, editor.curvature, 'openclose')]);
    }
    for (const [path, d] of paths) path.setAttributeNS(null, 'd', d);
  }

  private place(el: HTMLElement, data: { pos_x: number; pos_y: number }, x: number, y: number) {
    data.pos_x = x;
    data.pos_y = y;
    el.style.left = x + 'px';
    el.style.top = y + 'px';
  }

  private applyEdges(edges: CanvasEdge[]) {
    const editor = this.editor!;
    const wanted = new Map<string, CanvasEdge>();
    for (const e of edges) {
      const from = this.nodes.get(e.fromNode);
      const to = this.nodes.get(e.toNode);
      const out = from?.outputs.indexOf(e.fromPort) ?? -1;
      const inp = to?.inputs.indexOf(e.toPort) ?? -1;
      if (out < 0 || inp < 0) continue; // dangling: the server pins a problem on the node
      wanted.set(key({
        output_id: String(this.dfIds.get(e.fromNode)),
        input_id: String(this.dfIds.get(e.toNode)),
        output_class: 'output_' + (out + 1),
        input_class: 'input_' + (inp + 1),
      }), e);
    }
    const existing = new Set<string>();
    const data = editor.drawflow.drawflow[editor.module].data;
    for (const [outId, node] of Object.entries(data)) {
      for (const [outClass, port] of Object.entries(node.outputs)) {
        for (const c of [...port.connections]) {
          const k = key({ output_id: outId, input_id: c.node, output_class: outClass, input_class: c.output! });
          if (wanted.has(k)) {
            existing.add(k);
          } else {
            const svg = editor.container.querySelector(`.connection.node_in_node-${c.node}.node_out_node-${outId}.${outClass}.${c.output}`);
            if (svg && editor.connection_selected && svg.contains(editor.connection_selected)) editor.connection_selected = null;
            editor.removeSingleConnection(outId, c.node, outClass, c.output!);
          }
        }
      }
    }
    this.edgeIds.clear();
    for (const [k, e] of wanted) {
      if (!existing.has(k)) {
        const [outId, outClass, inId, inClass] = k.split('|');
        editor.addConnection(outId, inId, outClass, inClass);
      }
      this.edgeIds.set(k, e.id);
    }
    this.edgeLabels = new Map([...wanted].map(([k, e]) => [k, e.label]));
  }

  /** Draws the removed nodes of a comparison at their old positions (replaced wholesale: there are few). */
  private applyGhosts(ghosts: CanvasGhost[]) {
    const layer = this.ghostLayer;
    if (!layer) return;
    layer.replaceChildren(...ghosts.map((g) => {
      const box = el('div', 'nw-ghost');
      box.dataset.ghostId = g.id;
      box.style.left = g.x + 'px';
      box.style.top = g.y + 'px';
      box.title = `${g.title} '${g.id}': removed since the compared version`;
      const title = el('div', 'nw-node-title');
      title.append(el('span', 'nw-node-type', g.title), ' ', el('span', 'nw-diff-tag nw-diff-tag-removed', 'removed'));
      box.append(title, el('div', 'nw-node-detail', g.id));
      return box;
    }));
  }

  /** Draws the connections whose ids are in `added` in the "added" colour (and no other). */
  private markAddedEdges(added: Set<string>) {
    const keys = new Set([...this.edgeIds].filter(([, id]) => added.has(id)).map(([k]) => k));
    for (const k of this.addedEdgeKeys) if (!keys.has(k)) this.connectionElement(k)?.classList.remove('nw-diff-added');
    for (const k of keys) this.connectionElement(k)?.classList.add('nw-diff-added');
    this.addedEdgeKeys = keys;
  }

  private connectionElement(k: string) {
    const [outId, outClass, inId, inClass] = k.split('|');
    return this.editor!.container.querySelector(`.connection.node_in_node-${inId}.node_out_node-${outId}.${outClass}.${inClass}`);
  }

  /**
   * The removed connections of a comparison, dashed, from port to port (a ghost's ports: its left and right borders,
   * level with a node's). Reads every position, then writes.
   */
  private drawGhostEdges() {
    const svg = this.ghostEdgeSvg;
    if (!svg || !this.editor || (!this.ghostEdges.length && !svg.childElementCount)) return;
    const ends = this.ghostEdges.map((e) => [e, this.portPoint(e.fromNode, e.fromPort, 'out'), this.portPoint(e.toNode, e.toPort, 'in')] as const);
    const editor = this.editor!;
    svg.replaceChildren(...ends.filter(([, a, b]) => a && b).map(([e, a, b]) => {
      const path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', editor.createCurvature(a!.x, a!.y, b!.x, b!.y, editor.curvature, 'openclose'));
      path.dataset.from = e.fromNode;
      path.dataset.to = e.toNode;
      const title = document.createElementNS(SVG_NS, 'title');
      title.textContent = `${e.fromNode} → ${e.toNode}: removed since the compared version`;
      path.append(title);
      return path;
    }));
  }

  /** Where a ghost connection meets node or ghost `id` (canvas coordinates), or null when neither is drawn. */
  private portPoint(id: string, port: string, side: 'in' | 'out'): { x: number; y: number } | null {
    const dfId = this.dfIds.get(id);
    if (dfId !== undefined) {
      const node = this.nodes.get(id);
      const index = Math.max(0, (side === 'out' ? node?.outputs : node?.inputs)?.indexOf(port) ?? 0);
      const el = this.nodeElement(dfId)?.querySelector(`.${side === 'out' ? 'output' : 'input'}_${index + 1}`);
      return el ? this.portCentre(el) : null;
    }
    const ghost = [...(this.ghostLayer?.children ?? [])].find((g) => (g as HTMLElement).dataset.ghostId === id) as HTMLElement | undefined;
    if (!ghost) return null;
    return { x: parseFloat(ghost.style.left) + (side === 'out' ? ghost.offsetWidth : 0), y: parseFloat(ghost.style.top) + GHOST_PORT_Y };
  }

  private applySelection(selected: string[]) {
    const editor = this.editor!;
    this.selected = selected.filter((id) => this.dfIds.has(id));
    const els = new Set(this.selected.map((id) => this.nodeElement(this.dfIds.get(id)!)).filter((el): el is HTMLElement => !!el));
    editor.precanvas.querySelectorAll('.drawflow-node.selected').forEach((n) => {
      if (!els.has(n as HTMLElement)) n.classList.remove('selected');
    });
    els.forEach((el) => el.classList.add('selected'));
    const last = this.selected.length ? this.nodeElement(this.dfIds.get(this.selected[this.selected.length - 1])!) : null;
    if (last) {
      editor.node_selected = last;
    } else if (editor.node_selected && (!editor.node_selected.isConnected || !els.has(editor.node_selected))) {
      editor.node_selected = null;
    }
  }

  // ---------------------------------------------------------------- edge labels and minimap

  private scheduleOverlays() {
    if (this.overlayFrame) return;
    this.overlayFrame = requestAnimationFrame(() => {
      this.overlayFrame = 0;
      // zoomed far out, shape labels and shadows would be a few pixels wide: they are left out (cheaper to draw too)
      const far = (this.editor?.zoom ?? 1) < FAR_ZOOM;
      this.classList.toggle('nw-far', far);
      if (!far) this.placeLabels();
      this.drawGhostEdges();
      this.drawMinimap();
    });
  }

  /**
   * Puts each edge's shape label on the middle of its connection. Reads every position first, then writes: a write
   * between two reads would make the browser lay the page out again for every edge (hundreds of layouts per frame on a
   * large design).
   */
  private placeLabels() {
    const editor = this.editor;
    if (!editor || !this.labels) return;
    const paths = new Map<string, SVGPathElement>();
    editor.container.querySelectorAll<SVGPathElement>('.connection .main-path').forEach((path) => {
      const k = connectionKey(path.parentElement!);
      if (k) paths.set(k, path);
    });
    const placed: [string, string, { x: number; y: number }][] = [];
    for (const [k, text] of this.edgeLabels) {
      const path = text ? paths.get(k) : undefined;
      const p = path ? midpoint(path) : null;
      if (p) placed.push([k, text, p]);
    }
    const keep = new Map<string, HTMLElement>();
    for (const [k, text, p] of placed) {
      let label = this.labelEls.get(k);
      if (!label) {
        label = document.createElement('div');
        label.className = 'nw-edge-label';
        this.labels.append(label);
      }
      label.dataset.edgeId = this.edgeIds.get(k) ?? '';
      if (label.textContent !== text) label.textContent = text;
      label.style.left = p.x + 'px';
      label.style.top = p.y + 'px';
      keep.set(k, label);
    }
    for (const [k, label] of this.labelEls) {
      if (!keep.has(k)) label.remove();
    }
    this.labelEls = keep;
  }

  private viewport(): Viewport {
    const e = this.editor!;
    return { tx: e.canvas_x, ty: e.canvas_y, zoom: e.zoom, width: e.container.clientWidth, height: e.container.clientHeight };
  }

  /** Each node's box in canvas coordinates, from drawflow's data (the size from the element when it has one). */
  private nodeRects(): Map<string, Rect> {
    const editor = this.editor!;
    const data = editor.drawflow.drawflow[editor.module].data;
    const rects = new Map<string, Rect>();
    for (const [id, dfId] of this.dfIds) {
      const d = data[dfId];
      const el = this.nodeElement(dfId);
      if (d) rects.set(id, { x: d.pos_x, y: d.pos_y, width: el?.offsetWidth || NODE_WIDTH, height: el?.offsetHeight || NODE_HEIGHT });
    }
    return rects;
  }

  /** The minimap: a rectangle per node and one for the visible part, reused from frame to frame (only attributes change). */
  private drawMinimap() {
    const svg = this.minimap;
    if (!svg || !this.editor) return;
    const rects = this.nodeRects();
    svg.style.display = rects.size ? '' : 'none';
    if (!rects.size) return;
    const visible = visibleRect(this.viewport());
    const world = union([...rects.values(), visible])!;
    const m = minimapScale(world, MINIMAP);
    const chosen = new Set(this.selected);
    const keep = new Map<string, SVGRectElement>();
    for (const [id, r] of rects) {
      const p = m.toMap(r.x, r.y);
      const node = this.nodes.get(id);
      const rect = this.minimapRect(this.minimapRects.get(id), p.x, p.y, Math.max(2, r.width * m.scale), Math.max(2, r.height * m.scale),
        'nw-minimap-node' + (chosen.has(id) ? ' nw-selected' : '') + (node?.problems.some((pr) => pr.severity === 'ERROR') ? ' nw-error' : ''));
      keep.set(id, rect);
    }
    for (const [id, rect] of this.minimapRects) if (!keep.has(id)) rect.remove();
    this.minimapRects = keep;
    const v = m.toMap(visible.x, visible.y);
    this.minimapView = this.minimapRect(this.minimapView, v.x, v.y, visible.width * m.scale, visible.height * m.scale, 'nw-minimap-view');
    if (svg.lastElementChild !== this.minimapView) svg.append(this.minimapView); // drawn last, over the nodes
    svg.dataset.nodes = String(rects.size);
  }

  /** {@code rect} (a new one when undefined) in the minimap with these coordinates; attributes are set only when they change. */
  private minimapRect(rect: SVGRectElement | undefined, x: number, y: number, width: number, height: number, cls: string) {
    const r = rect ?? this.minimap!.appendChild(document.createElementNS(SVG_NS, 'rect'));
    setAttribute(r, 'x', x.toFixed(1));
    setAttribute(r, 'y', y.toFixed(1));
    setAttribute(r, 'width', width.toFixed(1));
    setAttribute(r, 'height', height.toFixed(1));
    setAttribute(r, 'class', cls);
    return r;
  }

  /** A press on the minimap pans the canvas so that the point pressed is in the middle; dragging keeps panning. */
  private onMinimap(e: MouseEvent) {
    e.preventDefault();
    e.stopPropagation();
    const rects = this.nodeRects();
    if (!rects.size || !this.minimap) return;
    const world = union([...rects.values(), visibleRect(this.viewport())])!;
    const m = minimapScale(world, MINIMAP); // fixed while dragging, so the point under the mouse stays put
    const svg = this.minimap;
    const pan = (ev: MouseEvent) => {
      const r = svg.getBoundingClientRect();
      const p = m.toCanvas(ev.clientX - r.x, ev.clientY - r.y);
      this.panTo(p.x, p.y);
    };
    pan(e);
    const up = () => {
      window.removeEventListener('mousemove', pan);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', pan);
    window.addEventListener('mouseup', up);
  }

  /** Pans so that canvas point (x, y) is in the middle of the view, `dy` pixels lower. */
  private panTo(x: number, y: number, dy = 0) {
    const editor = this.editor!;
    const t = centreOn(this.viewport(), x, y);
    editor.canvas_x = t.tx;
    editor.canvas_y = t.ty + dy;
    editor.precanvas.style.transform = `translate(${editor.canvas_x}px, ${editor.canvas_y}px) scale(${editor.zoom})`;
    this.scheduleOverlays();
  }

  private zoom(direction: 1 | -1) {
    if (direction > 0) this.editor?.zoom_in();
    else this.editor?.zoom_out();
    this.scheduleOverlays();
  }

  // ---------------------------------------------------------------- mouse

  private onMouseDown(e: MouseEvent) {
    const editor = this.editor;
    const target = e.target as HTMLElement;
    if (!editor || !editor.container.contains(target)) return;
    if (target.closest('.nw-fix')) {
      e.stopPropagation(); // a click on a fix button neither selects nor drags its node
      return;
    }
    // drawflow prevents the default of mousedown on connections, which would leave the keyboard focus elsewhere
    const nodeEl = target.closest<HTMLElement>('.drawflow-node');
    (nodeEl ?? editor.container).focus({ preventScroll: true });
    if (target.classList?.contains('drawflow-delete')) {
      e.preventDefault();
      e.stopPropagation();
      target.remove();
      this.deleteSelection();
      return;
    }
    const nodeId = nodeEl ? this.nodeIds.get(Number(nodeEl.id.slice('node-'.length))) : undefined;
    const onPort = target.classList.contains('input') || target.classList.contains('output');
    if (e.button !== 0) return;
    if (nodeEl && target.classList.contains('input') && !e.shiftKey && this.startReroute(e, nodeEl, target)) return;
    if (nodeId && e.shiftKey && !onPort) {
      e.preventDefault();
      e.stopPropagation();
      const next = this.selected.includes(nodeId) ? this.selected.filter((id) => id !== nodeId) : [...this.selected, nodeId];
      this.emit(change('selection-changed', { nodeIds: next }));
      return;
    }
    if (nodeId && !onPort && this.selected.length > 1 && this.selected.includes(nodeId)) {
      const data = editor.drawflow.drawflow[editor.module].data;
      const start = new Map(this.selected.map((id) => {
        const d = data[this.dfIds.get(id)!];
        return [id, { x: d.pos_x, y: d.pos_y }] as const;
      }));
      this.groupPress = { nodeId, start, moved: false };
      return;
    }
    const background = target === editor.container || target === editor.precanvas;
    if (background && e.shiftKey) {
      e.preventDefault();
      e.stopPropagation();
      this.startBox(e);
    }
  }

  /**
   * A press on an input port that has a connection picks that connection up by its input end: the old line fades and
   * drawflow starts a new one from the same output port (a press on that port, sent to drawflow). False when the port
   * has no connection (the press goes on as usual).
   */
  private startReroute(e: MouseEvent, nodeEl: HTMLElement, port: HTMLElement): boolean {
    const editor = this.editor!;
    if (this.reroute) return true; // our own press on the output port, below
    const inDfId = nodeEl.id.slice('node-'.length);
    const inputClass = port.classList[1];
    const connections = editor.drawflow.drawflow[editor.module].data[Number(inDfId)]?.inputs[inputClass]?.connections ?? [];
    const c = connections[connections.length - 1];
    if (!c) return false;
    const k = key({ output_id: c.node, input_id: inDfId, output_class: c.input!, input_class: inputClass });
    const edgeId = this.edgeIds.get(k);
    const output = editor.container.querySelector<HTMLElement>(`#node-${c.node} .${c.input}`);
    if (!edgeId || !output) return false;
    e.preventDefault();
    e.stopPropagation();
    const path = this.connectionElement(k);
    path?.classList.add('nw-rerouting');
    this.reroute = { edgeId, path, x: e.clientX, y: e.clientY, moved: false, upOnPort: false };
    output.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true, composed: true, button: 0,
      clientX: e.clientX, clientY: e.clientY, view: window }));
    return true;
  }

  /** The re-route in progress, ended (its faded line shown again until the next view); null when there is none. */
  private endReroute() {
    const r = this.reroute;
    this.reroute = null;
    r?.path?.classList.remove('nw-rerouting');
    return r;
  }

  private onClick(e: MouseEvent) {
    const button = (e.target as HTMLElement).closest<HTMLElement>('.nw-fix');
    if (!button) return;
    e.stopPropagation();
    const nodeId = button.closest<HTMLElement>('.drawflow-node')?.dataset.nodeId;
    if (nodeId) this.emit(change('fix-requested', { nodeId, problemIndex: Number(button.dataset.problemIndex) }));
  }

  /** While a node of a multi-selection is dragged, the other selected nodes follow it. */
  private dragGroup() {
    const press = this.groupPress;
    const editor = this.editor!;
    if (!press) return;
    const data = editor.drawflow.drawflow[editor.module].data;
    const lead = this.drawnAt(this.dfIds.get(press.nodeId)!);
    const from = press.start.get(press.nodeId)!;
    const dx = lead.pos_x - from.x;
    const dy = lead.pos_y - from.y;
    press.moved = press.moved || dx !== 0 || dy !== 0;
    const moved = new Set<string>();
    for (const [id, p] of press.start) {
      if (id === press.nodeId) continue;
      const dfId = this.dfIds.get(id)!;
      const el = this.nodeElement(dfId);
      if (el && data[dfId]) {
        this.place(el, data[dfId], p.x + dx, p.y + dy);
        moved.add('node-' + dfId);
      }
    }
    this.redrawConnections(moved);
  }

  private onNodeMoved(dfId: number) {
    const editor = this.editor!;
    const nodeId = this.nodeIds.get(dfId);
    const data = editor.drawflow.drawflow[editor.module].data;
    if (!nodeId || !data[dfId]) return;
    const at = this.drawnAt(dfId);
    const press = this.groupPress;
    if (press && press.start.has(nodeId)) {
      press.moved = true;
      const moves: NodeMove[] = [...press.start.keys()].map((id) => {
        const d = data[this.dfIds.get(id)!];
        return { nodeId: id, x: d.pos_x, y: d.pos_y };
      });
      this.emit(change('nodes-moved', { moves, keyboard: false }));
    } else {
      this.emit(change('node-moved', { nodeId, x: at.pos_x, y: at.pos_y }));
    }
  }

  /**
   * Where a node dragged by drawflow is drawn. drawflow stores a dragged node's position one mouse step ahead of
   * where it draws it (it adds the step to the element's new offset): the stored position is set back to the drawn one.
   */
  private drawnAt(dfId: number): { pos_x: number; pos_y: number } {
    const editor = this.editor!;
    const d = editor.drawflow.drawflow[editor.module].data[dfId];
    const el = this.nodeElement(dfId);
    const x = parseFloat(el?.style.left ?? '');
    const y = parseFloat(el?.style.top ?? '');
    if (d && Number.isFinite(x) && Number.isFinite(y)) {
      d.pos_x = x;
      d.pos_y = y;
    }
    return d;
  }

  /** The end of a press on a multi-selection: without a move it was a click that selects that node alone. */
  private endGroupPress() {
    const press = this.groupPress;
    if (!press) return;
    this.groupPress = null;
    if (!press.moved) this.emit(change('node-selected', { nodeId: press.nodeId }));
  }

  private startBox(e: MouseEvent) {
    const host = this.getBoundingClientRect();
    const el = document.createElement('div');
    el.className = 'nw-box';
    this.append(el);
    this.box = { x0: e.clientX, y0: e.clientY, el };
    const rectOf = (ev: MouseEvent) => ({
      x: Math.min(ev.clientX, this.box!.x0),
      y: Math.min(ev.clientY, this.box!.y0),
      width: Math.abs(ev.clientX - this.box!.x0),
      height: Math.abs(ev.clientY - this.box!.y0),
    });
    const move = (ev: MouseEvent) => {
      const r = rectOf(ev);
      Object.assign(el.style, { left: r.x - host.x + 'px', top: r.y - host.y + 'px', width: r.width + 'px', height: r.height + 'px' });
    };
    const up = (ev: MouseEvent) => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
      const r = rectOf(ev);
      el.remove();
      this.box = null;
      if (r.width < 3 && r.height < 3) return;
      const hits: string[] = [];
      for (const [id, dfId] of this.dfIds) {
        const b = this.nodeElement(dfId)?.getBoundingClientRect();
        if (b && intersects(r, { x: b.x, y: b.y, width: b.width, height: b.height })) hits.push(id);
      }
      const next = [...this.selected, ...hits.filter((id) => !this.selected.includes(id))];
      this.emit(change('selection-changed', { nodeIds: next }));
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }

  // ---------------------------------------------------------------- keyboard

  private onKeyDown(e: KeyboardEvent) {
    if (!this.editor || e.defaultPrevented) return;
    const scope = keyScope(e, this);
    if (!scope) return; // typing in a field, a select, a dialog: the key is theirs
    const action = keyAction(e);
    if (!action) return;
    // Enter and Space press a focused button or link (a palette entry, a toolbar button, a fix)
    if (scope.onControl && action.kind === 'select') return;
    // Ctrl+C / Ctrl+X with text selected on the page copy that text
    if (scope.where === 'page' && action.kind === 'command' && (action.command === 'copy' || action.command === 'cut')
      && !(window.getSelection()?.isCollapsed ?? true)) return;
    const focused = scope.where === 'canvas' ? (e.target as HTMLElement).closest?.('.drawflow-node') as HTMLElement | null : null;
    const focusedId = focused ? this.nodeIds.get(Number(focused.id.slice('node-'.length))) ?? null : null;
    let handled = true;
    switch (action.kind) {
      case 'command':
        if (action.command === 'delete') handled = this.deleteSelection();
        else this.command(action.command);
        break;
      case 'move':
        handled = this.moveSelection(action.dx, action.dy);
        break;
      case 'select':
        handled = this.selectOrConnect(focusedId);
        break;
      case 'connect':
        handled = this.startConnect(focusedId);
        break;
      case 'escape':
        if (this.helpOpen) this.helpOpen = false;
        else if (this.connectFrom) this.connectFrom = null;
        else if (this.selected.length) this.emit(change('node-selected'));
        else handled = false;
        break;
      case 'help':
        this.helpOpen = !this.helpOpen;
        break;
      case 'fit':
        this.fit();
        break;
      case 'zoom':
        this.zoom(action.direction);
        break;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private command(command: CanvasCommand) {
    this.awaitingView = true;
    this.dispatchEvent(new CustomEvent('canvas-command', { detail: { command }, bubbles: true, composed: true }));
  }

  /** Moves the selected nodes now (the server confirms with the next view); false when nothing is selected. */
  private moveSelection(dx: number, dy: number): boolean {
    const editor = this.editor!;
    if (!this.selected.length) return false;
    const data = editor.drawflow.drawflow[editor.module].data;
    const moves: NodeMove[] = [];
    const moved = new Set<string>();
    for (const id of this.selected) {
      const dfId = this.dfIds.get(id)!;
      const el = this.nodeElement(dfId);
      if (!el || !data[dfId]) continue;
      this.place(el, data[dfId], data[dfId].pos_x + dx, data[dfId].pos_y + dy);
      moved.add('node-' + dfId);
      moves.push({ nodeId: id, x: data[dfId].pos_x, y: data[dfId].pos_y });
    }
    this.redrawConnections(moved);
    this.scheduleOverlays();
    this.emit(change('nodes-moved', { moves, keyboard: true }));
    return true;
  }

  /** Enter/Space: select the focused node, or finish a keyboard connection at it (or at the selected node). */
  private selectOrConnect(focusedId: string | null): boolean {
    if (this.connectFrom) {
      const target = focusedId && focusedId !== this.connectFrom ? focusedId : [...this.selected].reverse().find((id) => id !== this.connectFrom);
      if (!target) return true;
      this.connect(this.connectFrom, target);
      this.connectFrom = null;
      return true;
    }
    if (!focusedId) return false;
    this.emit(change('node-selected', { nodeId: focusedId }));
    return true;
  }

  /** C: remember the focused (else the selected) node as the source of a keyboard connection. */
  private startConnect(focusedId: string | null): boolean {
    const source = focusedId ?? this.selected[this.selected.length - 1] ?? null;
    if (!source || !this.nodes.get(source)?.outputs.length) return false;
    this.connectFrom = source;
    if (!this.selected.includes(source)) this.emit(change('node-selected', { nodeId: source }));
    return true;
  }

  /** Connects `from`'s first output to `to`'s first free input (else its first input). */
  private connect(from: string, to: string) {
    const source = this.nodes.get(from);
    const target = this.nodes.get(to);
    if (!source?.outputs.length || !target?.inputs.length) return;
    const taken = new Set((this.view?.edges ?? []).filter((e) => e.toNode === to).map((e) => e.toPort));
    const toPort = target.inputs.find((p) => !taken.has(p)) ?? target.inputs[0];
    this.emit(change('edge-added', { fromNode: from, fromPort: source.outputs[0], toNode: to, toPort }));
  }

  /** Asks the server to delete the selected connection, else the selected nodes; false when nothing is selected. */
  private deleteSelection(): boolean {
    const editor = this.editor;
    if (!editor) return false;
    const path = editor.connection_selected;
    if (path && (!editor.node_selected || !this.selected.length)) {
      const k = connectionKey(path.parentElement!);
      const edgeId = k ? this.edgeIds.get(k) : undefined;
      if (edgeId) this.emit(change('edge-removed', { edgeId }));
      return true;
    }
    // the selection shown may be behind the server's (Ctrl+A, then Delete at once): the server deletes its own
    if (this.selected.length || this.awaitingView) {
      this.command('delete');
      return true;
    }
    return false;
  }

  /** drawflow reports "unselected" before "selected" when the selection moves: only a real unselect goes up. */
  private deferUnselect(what: 'node' | 'edge') {
    this.pendingUnselect[what] = true;
    queueMicrotask(() => {
      if (!this.pendingUnselect[what] || this.applying) return;
      this.pendingUnselect[what] = false;
      this.emit(change(what === 'node' ? 'node-selected' : 'edge-selected'));
    });
  }

  private emit(detail: GraphChange) {
    // a selection is shown (and acted on by the keys) at once; the server's next view confirms it
    if (this.editor && (detail.kind === 'node-selected' || detail.kind === 'selection-changed')) {
      this.applySelection(detail.kind === 'node-selected' ? (detail.nodeId ? [detail.nodeId] : []) : detail.nodeIds ?? []);
    }
    this.awaitingView = true;
    this.dispatchEvent(new CustomEvent<GraphChange>('graph-change', { detail, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------- geometry

  private toCanvas(clientX: number, clientY: number) {
    const editor = this.editor!;
    const r = editor.precanvas.getBoundingClientRect();
    return { x: (clientX - r.x) / editor.zoom, y: (clientY - r.y) / editor.zoom };
  }

  /** The centre of a port element, in canvas coordinates (where drawflow's lines end). */
  private portCentre(port: Element) {
    const r = port.getBoundingClientRect();
    return this.toCanvas(r.x + r.width / 2, r.y + r.height / 2);
  }

  private nodeElement(dfId: number) {
    return this.editor!.container.querySelector<HTMLElement>('#node-' + dfId);
  }
}

/**
 * The middle of a connection. Drawflow draws a connection as one cubic Bézier ("M x0 y0 C x1 y1 x2 y2 x3 y3") whose
 * control points mirror each other, so its point at t = 1/2, (P0 + 3 P1 + 3 P2 + P3) / 8, is the middle; it comes
 * from the path's own numbers, without a layout. Any other path is measured.
 */
function midpoint(path: SVGPathElement): { x: number; y: number } | null {
  const n = (path.getAttribute('d') ?? '').match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi)?.map(Number) ?? [];
  if (n.length === 8 && n.every(Number.isFinite)) {
    return { x: (n[0] + 3 * n[2] + 3 * n[4] + n[6]) / 8, y: (n[1] + 3 * n[3] + 3 * n[5] + n[7]) / 8 };
  }
  const length = path.getTotalLength();
  return length ? path.getPointAtLength(length / 2) : null;
}

/** "output_id|output_class|input_id|input_class": one drawflow connection. */
function key(c: ConnectionEvent) {
  return `${c.output_id}|${c.output_class}|${c.input_id}|${c.input_class}`;
}

/**
 * The key of a connection's SVG element, from its classes ("connection node_in_node-<in> node_out_node-<out>
 * <outClass> <inClass>"); null for the line being drawn from a port, which has no ends yet.
 */
function connectionKey(svg: Element): string | null {
  const cls = svg.classList;
  if (cls.length < 5) return null;
  return key({
    input_id: cls[1].slice('node_in_node-'.length),
    output_id: cls[2].slice('node_out_node-'.length),
    output_class: cls[3],
    input_class: cls[4],
  });
}

function portIndex(cls: string) {
  return Number(cls.slice(cls.lastIndexOf('_') + 1)) - 1;
}

function samePorts(a: CanvasNode, b: CanvasNode) {
  return a.inputs.join() === b.inputs.join() && a.outputs.join() === b.outputs.join();
}

/** The inside of a node box: title line, shape line, costs line, pinned problems with their fix buttons. */
function content(node: CanvasNode): DocumentFragment {
  const f = document.createDocumentFragment();
  const title = el('div', 'nw-node-title');
  title.append(el('span', 'nw-node-type', node.title));
  if (node.summary) title.append(' ', el('span', 'nw-node-summary', node.summary));
  f.append(title);
  if (node.diff) {
    const tag = el('span', 'nw-diff-tag nw-diff-tag-' + node.diff, node.diff);
    if (node.diffNote) tag.title = node.diffNote;
    f.prepend(tag);
  }
  if (node.detail) f.append(el('div', 'nw-node-detail', node.detail));
  if (node.costs) f.append(el('div', 'nw-node-costs', node.costs));
  if (node.problems.length) {
    const list = el('ul', 'nw-node-problems');
    node.problems.forEach((p, i) => {
      const item = el('li', p.severity === 'ERROR' ? 'nw-problem nw-problem-error' : 'nw-problem nw-problem-warning', p.message);
      if (p.fix) {
        const button = el('button', 'nw-fix', p.fix) as HTMLButtonElement;
        button.type = 'button';
        button.dataset.problemIndex = String(i);
        button.title = 'Apply this fix (undo with Ctrl+Z)';
        item.append(button);
      }
      list.append(item);
    });
    f.append(list);
  }
  return f;
}

/**
 * Makes `into`'s children equal to `from`'s, changing only what differs: where the structure is the same (the usual
 * case: a shape or a count changed) only texts and attributes are written, which costs the browser no style
 * recalculation; where it differs, the children are replaced.
 */
function morph(into: Element, from: Element | DocumentFragment) {
  const next = [...from.childNodes];
  const old = [...into.childNodes];
  const same = next.length === old.length && next.every((n, i) => n.nodeType === old[i].nodeType
    && (n.nodeType !== Node.ELEMENT_NODE || (n as Element).tagName === (old[i] as Element).tagName));
  if (!same) {
    into.replaceChildren(...next);
    return;
  }
  next.forEach((n, i) => {
    const o = old[i];
    if (n.nodeType !== Node.ELEMENT_NODE) {
      if (o.nodeValue !== n.nodeValue) o.nodeValue = n.nodeValue;
      return;
    }
    const ne = n as Element;
    const oe = o as Element;
    for (const a of [...oe.attributes]) if (!ne.hasAttribute(a.name)) oe.removeAttribute(a.name);
    for (const a of ne.attributes) setAttribute(oe, a.name, a.value);
    morph(oe, ne);
  });
}

function setAttribute(e: Element, name: string, value: string) {
  if (e.getAttribute(name) !== value) e.setAttribute(name, value);
}

function el(tag: string, className: string, text?: string) {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

declare global {
  interface HTMLElementTagNameMap {
    'network-canvas': NetworkCanvas;
  }
}
