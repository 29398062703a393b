import { LitElement, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import Drawflow, { type ConnectionEvent } from 'drawflow';
import 'drawflow/dist/drawflow.min.css';
import './network-canvas.css';
import { change, LAYER_MIME, type CanvasEdge, type CanvasNode, type CanvasView, type GraphChange } from './model';

const NODE_WIDTH = 150;
const NODE_HEIGHT = 56;

/**
 * `<network-canvas>`: draws a graph of nodes with ports and lets the user move nodes, connect ports, delete
 * and add nodes. It wraps drawflow and renders in the light DOM (drawflow looks nodes up by id in its container).
 *
 * The server owns the graph: it sets `view` (nodes, edges with labels, problems per node) and the canvas
 * reconciles drawflow with it. User edits are not applied locally (except drawflow's own move and connect
 * gestures); they go up as `graph-change` events and come back in the next `view`.
 */
@customElement('network-canvas')
export class NetworkCanvas extends LitElement {
  @property({ attribute: false }) view: CanvasView | null = null;

  private editor?: Drawflow;
  private labels?: HTMLElement;
  /** Our node id → drawflow's numeric id, and back. */
  private dfIds = new Map<string, number>();
  private nodeIds = new Map<number, string>();
  /** Connection key (see `key`) → our edge id. */
  private edgeIds = new Map<string, string>();
  /** Connection key → the text shown on it. */
  private edgeLabels = new Map<string, string>();
  private nodes = new Map<string, CanvasNode>();
  /** True while the canvas changes drawflow itself: drawflow's events then are not user edits. */
  private applying = false;
  private appliedFitKey: number | null = null;
  /** A fit was asked for before the canvas had a size. */
  private fitPending = false;
  private pendingUnselect = { node: false, edge: false };
  private labelFrame = 0;

  protected createRenderRoot() {
    return this;
  }

  protected render() {
    const empty = (this.view?.nodes.length ?? 0) === 0;
    return html`
      <div class="nw-canvas"></div>
      <div class="nw-toolbar" @mousedown=${(e: Event) => e.stopPropagation()}>
        <button type="button" title="Zoom out" aria-label="Zoom out" @click=${() => this.editor?.zoom_out()}>−</button>
        <button type="button" title="Zoom in" aria-label="Zoom in" @click=${() => this.editor?.zoom_in()}>+</button>
        <button type="button" title="Show every layer" @click=${() => this.fit()}>Fit</button>
      </div>
      ${empty ? html`<div class="nw-empty">Drag layers here from the palette, or pick a template.</div>` : ''}
      <div class="nw-hint">
        Drag from a node's right port to another's left port to connect · Delete removes the selection ·
        Ctrl + wheel zooms · drag the background to pan
      </div>
    `;
  }

  protected firstUpdated() {
    const container = this.querySelector<HTMLElement>('.nw-canvas')!;
    const editor = new Drawflow(container);
    editor.curvature = 0.35;
    editor.zoom_min = 0.4;
    editor.start();
    this.editor = editor;

    this.labels = document.createElement('div');
    this.labels.className = 'nw-edge-labels';
    editor.precanvas.prepend(this.labels);

    editor.on('nodeSelected', (id: string) => {
      this.pendingUnselect.node = false;
      if (!this.applying) this.emit(change('node-selected', { nodeId: this.nodeIds.get(Number(id)) ?? null }));
    });
    editor.on('nodeUnselected', () => this.deferUnselect('node'));
    editor.on('connectionSelected', (c: ConnectionEvent) => {
      this.pendingUnselect.edge = false;
      this.emit(change('edge-selected', { edgeId: this.edgeIds.get(key(c)) ?? null }));
    });
    editor.on('connectionUnselected', () => this.deferUnselect('edge'));
    editor.on('nodeMoved', (id: string) => {
      const nodeId = this.nodeIds.get(Number(id));
      const data = editor.drawflow.drawflow[editor.module].data[id];
      if (nodeId && data) this.emit(change('node-moved', { nodeId, x: data.pos_x, y: data.pos_y }));
    });
    editor.on('connectionCreated', (c: ConnectionEvent) => {
      if (this.applying) return;
      const from = this.nodes.get(this.nodeIds.get(Number(c.output_id)) ?? '');
      const to = this.nodes.get(this.nodeIds.get(Number(c.input_id)) ?? '');
      const fromPort = from?.outputs[portIndex(c.output_class)];
      const toPort = to?.inputs[portIndex(c.input_class)];
      if (from && to && fromPort && toPort) {
        this.emit(change('edge-added', { fromNode: from.id, fromPort, toNode: to.id, toPort }));
      }
      this.scheduleLabels();
    });
    editor.on('mouseMove', () => {
      if (editor.drag) this.scheduleLabels();
    });
    editor.on('zoom', () => this.scheduleLabels());

    // Deleting is the server's job: intercept drawflow's Delete key and its right-click "x" before drawflow
    // sees them (capture phase on the host, which contains drawflow's container).
    this.addEventListener('keydown', (e) => this.onKeyDown(e), true);
    this.addEventListener('mousedown', (e) => this.onMouseDown(e), true);

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
      this.scheduleLabels();
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
    let x = c.x - NODE_WIDTH / 2;
    let y = c.y - NODE_HEIGHT / 2;
    for (let i = 0; i < 12 && this.overlaps(x, y); i++) {
      y += NODE_HEIGHT + 28;
    }
    this.emit(change('node-added', { nodeType: type, x: Math.round(x), y: Math.round(y) }));
  }

  /** Zooms and pans so that every node is visible (zoom at most 1). */
  fit() {
    const editor = this.editor;
    if (!editor) return;
    const container = editor.container;
    const els = [...editor.precanvas.querySelectorAll<HTMLElement>('.drawflow-node')];
    if (els.length === 0) return;
    if (container.clientWidth === 0) {
      this.fitPending = true;
      return;
    }
    this.fitPending = false;
    const minX = Math.min(...els.map((n) => n.offsetLeft));
    const minY = Math.min(...els.map((n) => n.offsetTop));
    const maxX = Math.max(...els.map((n) => n.offsetLeft + n.offsetWidth));
    const maxY = Math.max(...els.map((n) => n.offsetTop + n.offsetHeight));
    const pad = 40;
    const w = container.clientWidth;
    const h = container.clientHeight;
    const zoom = Math.max(editor.zoom_min, Math.min(1, w / (maxX - minX + 2 * pad), h / (maxY - minY + 2 * pad)));
    // the precanvas scales around its centre (w/2, h/2): centre the bounding box in the container
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    editor.zoom = zoom;
    editor.zoom_last_value = zoom;
    editor.canvas_x = -(cx - w / 2) * zoom;
    editor.canvas_y = -(cy - h / 2) * zoom;
    editor.precanvas.style.transform = `translate(${editor.canvas_x}px, ${editor.canvas_y}px) scale(${zoom})`;
    this.scheduleLabels();
  }

  // ---------------------------------------------------------------- reconciling drawflow with the view

  private apply(view: CanvasView) {
    const editor = this.editor!;
    this.applying = true;
    try {
      const wanted = new Map(view.nodes.map((n) => [n.id, n]));
      for (const [id, dfId] of [...this.dfIds]) {
        const next = wanted.get(id);
        const prev = this.nodes.get(id);
        if (!next || !prev || !samePorts(prev, next)) this.removeNode(id, dfId);
      }
      for (const node of view.nodes) {
        const dfId = this.dfIds.get(node.id);
        if (dfId === undefined) this.addNode(node);
        else this.updateNode(dfId, node);
        this.nodes.set(node.id, node);
      }
      this.applyEdges(view.edges);
      this.applySelection(view.selected);
      for (const dfId of this.dfIds.values()) editor.updateConnectionNodes('node-' + dfId);
    } finally {
      this.applying = false;
    }
    this.requestUpdate(); // the empty-canvas hint
    if (view.fitKey !== this.appliedFitKey) {
      this.appliedFitKey = view.fitKey;
      requestAnimationFrame(() => this.fit());
    }
    this.scheduleLabels();
  }

  private addNode(node: CanvasNode) {
    const editor = this.editor!;
    const dfId = editor.addNode(node.id, node.inputs.length, node.outputs.length, node.x, node.y, 'nw-node', {}, '');
    this.dfIds.set(node.id, dfId);
    this.nodeIds.set(dfId, node.id);
    this.updateNode(dfId, node);
  }

  private removeNode(id: string, dfId: number) {
    const editor = this.editor!;
    const el = this.nodeElement(dfId);
    if (el && editor.node_selected === el) editor.node_selected = null;
    editor.removeNodeId('node-' + dfId);
    this.dfIds.delete(id);
    this.nodeIds.delete(dfId);
    this.nodes.delete(id);
  }

  private updateNode(dfId: number, node: CanvasNode) {
    const editor = this.editor!;
    const el = this.nodeElement(dfId);
    const data = editor.drawflow.drawflow[editor.module].data[dfId];
    if (!el || !data) return;
    el.dataset.nodeId = node.id;
    const dragging = editor.drag && editor.node_selected === el;
    if (!dragging && (Math.abs(data.pos_x - node.x) > 0.5 || Math.abs(data.pos_y - node.y) > 0.5)) {
      data.pos_x = node.x;
      data.pos_y = node.y;
      el.style.left = node.x + 'px';
      el.style.top = node.y + 'px';
    }
    const errors = node.problems.filter((p) => p.severity === 'ERROR');
    el.className = el.className
      .split(' ')
      .filter((c) => !c.startsWith('nw-cat-') && c !== 'nw-error' && c !== 'nw-warning')
      .concat('nw-cat-' + node.category.toLowerCase().replace(/[^a-z0-9]+/g, '-'))
      .concat(errors.length ? ['nw-error'] : node.problems.length ? ['nw-warning'] : [])
      .join(' ');
    el.querySelectorAll('.input').forEach((port, i) => {
      const name = node.inputs[i];
      port.classList.toggle('nw-port-error', errors.some((p) => p.port === name));
      port.setAttribute('title', 'input ' + name);
    });
    el.querySelectorAll('.output').forEach((port, i) => port.setAttribute('title', 'output ' + node.outputs[i]));
    el.querySelector('.drawflow_content_node')!.replaceChildren(content(node));
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

  private applySelection(selected: string | null) {
    const editor = this.editor!;
    const dfId = selected === null ? undefined : this.dfIds.get(selected);
    const el = dfId === undefined ? null : this.nodeElement(dfId);
    editor.precanvas.querySelectorAll('.drawflow-node.selected').forEach((n) => {
      if (n !== el) n.classList.remove('selected');
    });
    if (el) {
      el.classList.add('selected');
      editor.node_selected = el;
    } else if (editor.node_selected && !editor.node_selected.isConnected) {
      editor.node_selected = null;
    }
  }

  // ---------------------------------------------------------------- edge labels

  private scheduleLabels() {
    if (this.labelFrame) return;
    this.labelFrame = requestAnimationFrame(() => {
      this.labelFrame = 0;
      this.placeLabels();
    });
  }

  private placeLabels() {
    const editor = this.editor;
    if (!editor || !this.labels) return;
    const items: HTMLElement[] = [];
    for (const [k, text] of this.edgeLabels) {
      if (!text) continue;
      const [outId, outClass, inId, inClass] = k.split('|');
      const path = editor.container.querySelector<SVGPathElement>(
        `.connection.node_in_node-${inId}.node_out_node-${outId}.${outClass}.${inClass} .main-path`);
      if (!path) continue;
      const length = path.getTotalLength();
      if (!length) continue;
      const p = path.getPointAtLength(length / 2);
      const label = document.createElement('div');
      label.className = 'nw-edge-label';
      label.dataset.edgeId = this.edgeIds.get(k) ?? '';
      label.textContent = text;
      label.style.left = p.x + 'px';
      label.style.top = p.y + 'px';
      items.push(label);
    }
    this.labels.replaceChildren(...items);
  }

  // ---------------------------------------------------------------- user input

  private onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'Delete' && e.key !== 'Backspace') return;
    const target = e.target as HTMLElement;
    if (target.closest('input, textarea, select, [contenteditable]')) return;
    if (this.deleteSelection()) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  private onMouseDown(e: MouseEvent) {
    const target = e.target as HTMLElement;
    // drawflow prevents the default of mousedown on connections, which would leave the keyboard focus
    // elsewhere and the Delete key unheard: focus the canvas ourselves
    if (this.editor && this.editor.container.contains(target)) this.editor.container.focus({ preventScroll: true });
    if (!target.classList?.contains('drawflow-delete')) return;
    e.preventDefault();
    e.stopPropagation();
    target.remove();
    this.deleteSelection();
  }

  /** Asks the server to delete the selected node or connection; false when nothing is selected. */
  private deleteSelection(): boolean {
    const editor = this.editor;
    if (!editor) return false;
    if (editor.node_selected) {
      const nodeId = this.nodeIds.get(Number(editor.node_selected.id.slice('node-'.length)));
      if (nodeId) this.emit(change('node-removed', { nodeId }));
      return true;
    }
    const path = editor.connection_selected;
    if (path) {
      const cls = path.parentElement!.classList;
      const edgeId = this.edgeIds.get(key({
        input_id: cls[1].slice('node_in_node-'.length),
        output_id: cls[2].slice('node_out_node-'.length),
        output_class: cls[3],
        input_class: cls[4],
      }));
      if (edgeId) this.emit(change('edge-removed', { edgeId }));
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
    this.dispatchEvent(new CustomEvent<GraphChange>('graph-change', { detail, bubbles: true, composed: true }));
  }

  // ---------------------------------------------------------------- geometry

  private toCanvas(clientX: number, clientY: number) {
    const editor = this.editor!;
    const r = editor.precanvas.getBoundingClientRect();
    return { x: (clientX - r.x) / editor.zoom, y: (clientY - r.y) / editor.zoom };
  }

  private overlaps(x: number, y: number) {
    return [...this.editor!.precanvas.querySelectorAll<HTMLElement>('.drawflow-node')].some((n) =>
      Math.abs(n.offsetLeft - x) < NODE_WIDTH && Math.abs(n.offsetTop - y) < NODE_HEIGHT + 16);
  }

  private nodeElement(dfId: number) {
    return this.editor!.container.querySelector<HTMLElement>('#node-' + dfId);
  }
}

/** "output_id|output_class|input_id|input_class": one drawflow connection. */
function key(c: ConnectionEvent) {
  return `${c.output_id}|${c.output_class}|${c.input_id}|${c.input_class}`;
}

function portIndex(cls: string) {
  return Number(cls.slice(cls.lastIndexOf('_') + 1)) - 1;
}

function samePorts(a: CanvasNode, b: CanvasNode) {
  return a.inputs.join() === b.inputs.join() && a.outputs.join() === b.outputs.join();
}

/** The inside of a node box: title line, detail line, pinned problems. */
function content(node: CanvasNode): DocumentFragment {
  const f = document.createDocumentFragment();
  const title = el('div', 'nw-node-title');
  title.append(el('span', 'nw-node-type', node.title));
  if (node.summary) title.append(' ', el('span', 'nw-node-summary', node.summary));
  f.append(title);
  if (node.detail) f.append(el('div', 'nw-node-detail', node.detail));
  if (node.problems.length) {
    const list = el('ul', 'nw-node-problems');
    for (const p of node.problems) {
      list.append(el('li', p.severity === 'ERROR' ? 'nw-problem nw-problem-error' : 'nw-problem nw-problem-warning', p.message));
    }
    f.append(list);
  }
  return f;
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
