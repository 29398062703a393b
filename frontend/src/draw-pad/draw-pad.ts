import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';

/** The detail of the `pad-changed` event: the drawing as `size`×`size` values in 0..1, row-major (1 = ink). */
export interface PadChange {
  values: number[];
  ink: boolean;
}

/** Pixels of the drawing canvas per cell of the grid. */
const SCALE = 10;

/**
 * `<draw-pad>`: a square canvas to draw on with the mouse, a pen or a finger (pointer events), for image models fed
 * MNIST-like input: light ink on a dark background, `size`×`size` values (default 28). The drawing is shown dark on
 * light; what the model gets is each cell's ink coverage in 0..1, averaged over its SCALE×SCALE pixels.
 *
 * After every stroke and on Clear it fires `pad-changed` with {@link PadChange}. The server can show an image on it
 * with `setValues(values)` (values in 0..1, row-major), e.g. an uploaded picture after its conversion. The number of
 * cells with ink is reflected in the `data-ink` attribute.
 */
@customElement('draw-pad')
export class DrawPad extends LitElement {
  static styles = css`
    :host {
      display: inline-flex;
      gap: var(--lumo-space-m, 16px);
      align-items: flex-start;
      font: var(--lumo-font-size-s, 14px) var(--lumo-font-family, system-ui, sans-serif);
    }
    .pad {
      border: 1px solid var(--lumo-contrast-30pct, #aaa);
      border-radius: var(--lumo-border-radius-m, 6px);
      background: #fff;
      touch-action: none;
      cursor: crosshair;
      width: 280px;
      height: 280px;
    }
    .side {
      display: flex;
      flex-direction: column;
      gap: var(--lumo-space-s, 8px);
      align-items: flex-start;
      color: var(--lumo-secondary-text-color, #555);
    }
    .preview {
      width: 84px;
      height: 84px;
      image-rendering: pixelated;
      background: #000;
      border-radius: var(--lumo-border-radius-s, 4px);
    }
    button {
      font: inherit;
      padding: 4px 14px;
      border-radius: var(--lumo-border-radius-m, 6px);
      border: 1px solid var(--lumo-contrast-30pct, #aaa);
      background: var(--lumo-base-color, #fff);
      color: var(--lumo-body-text-color, #222);
      cursor: pointer;
    }
    button:hover {
      background: var(--lumo-contrast-5pct, #f3f3f3);
    }
  `;

  /** Cells per side of what the model gets. */
  @property({ type: Number }) size = 28;
  /** Stroke width in cells. */
  @property({ type: Number }) stroke = 2.2;

  @query('canvas.pad') private pad!: HTMLCanvasElement;
  @query('canvas.preview') private preview!: HTMLCanvasElement;
  @state() private inked = 0;
  private last: { x: number; y: number } | null = null;
  private pointer: number | null = null;

  protected render() {
    const px = this.size * SCALE;
    return html`
      <canvas class="pad" width=${px} height=${px} role="img" aria-label="Drawing pad: draw with the mouse or a finger"
        @pointerdown=${this.down} @pointermove=${this.move} @pointerup=${this.up} @pointercancel=${this.up}></canvas>
      <div class="side">
        <span>What the model sees (${this.size}×${this.size})</span>
        <canvas class="preview" width=${this.size} height=${this.size} aria-hidden="true"></canvas>
        <button type="button" @click=${this.clear}>Clear</button>
      </div>
    `;
  }

  protected firstUpdated() {
    this.setAttribute('data-ink', '0');
    this.paintPreview(new Array(this.size * this.size).fill(0));
  }

  /** Empties the pad and tells the server. */
  clear() {
    this.pad.getContext('2d')!.clearRect(0, 0, this.pad.width, this.pad.height);
    this.changed();
  }

  /** Shows `values` (0..1, row-major, size×size) on the pad as if drawn; fires no event. */
  setValues(values: number[]) {
    const ctx = this.pad.getContext('2d')!;
    ctx.clearRect(0, 0, this.pad.width, this.pad.height);
    for (let i = 0; i < this.size * this.size; i++) {
      const v = Math.max(0, Math.min(1, values[i] ?? 0));
      if (v === 0) continue;
      ctx.fillStyle = `rgba(17, 17, 17, ${v})`;
      ctx.fillRect((i % this.size) * SCALE, Math.floor(i / this.size) * SCALE, SCALE, SCALE);
    }
    this.report(this.values());
  }

  /** The drawing as size×size ink coverages in 0..1. */
  values(): number[] {
    const n = this.size;
    const data = this.pad.getContext('2d')!.getImageData(0, 0, n * SCALE, n * SCALE).data;
    const out = new Array<number>(n * n).fill(0);
    const w = n * SCALE;
    for (let y = 0; y < w; y++) {
      for (let x = 0; x < w; x++) out[Math.floor(y / SCALE) * n + Math.floor(x / SCALE)] += data[(y * w + x) * 4 + 3];
    }
    return out.map((a) => Math.round((a / (255 * SCALE * SCALE)) * 1000) / 1000);
  }

  private point(e: PointerEvent) {
    const r = this.pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * this.pad.width) / r.width, y: ((e.clientY - r.top) * this.pad.height) / r.height };
  }

  private down(e: PointerEvent) {
    if (this.pointer !== null) return;
    this.pointer = e.pointerId;
    this.pad.setPointerCapture(e.pointerId);
    this.last = this.point(e);
    this.line(this.last, this.last);
    e.preventDefault();
  }

  private move(e: PointerEvent) {
    if (e.pointerId !== this.pointer || !this.last) return;
    const p = this.point(e);
    this.line(this.last, p);
    this.last = p;
  }

  private up(e: PointerEvent) {
    if (e.pointerId !== this.pointer) return;
    this.pointer = null;
    this.last = null;
    this.changed();
  }

  private line(a: { x: number; y: number }, b: { x: number; y: number }) {
    const ctx = this.pad.getContext('2d')!;
    ctx.strokeStyle = '#111';
    ctx.lineWidth = this.stroke * SCALE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x + 0.01, b.y);
    ctx.stroke();
  }

  private changed() {
    const values = this.values();
    this.report(values);
    this.dispatchEvent(new CustomEvent<PadChange>('pad-changed', {
      detail: { values, ink: this.inked > 0 },
      bubbles: true,
      composed: true,
    }));
  }

  private report(values: number[]) {
    this.inked = values.filter((v) => v > 0).length;
    this.setAttribute('data-ink', String(this.inked));
    this.paintPreview(values);
  }

  private paintPreview(values: number[]) {
    const n = this.size;
    const ctx = this.preview.getContext('2d')!;
    const img = ctx.createImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      const v = Math.round(Math.max(0, Math.min(1, values[i])) * 255);
      img.data.set([v, v, v, 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'draw-pad': DrawPad;
  }
}
