import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

/**
 * One epoch's numbers; accuracies in percent, null where they do not apply (regression; validation numbers
 * without a validation split, or on progress points inside an epoch).
 */
export interface ChartPoint {
  epoch: number;
  loss: number | null;
  accuracy: number | null;
  valLoss?: number | null;
  valAccuracy?: number | null;
}

type XY = { x: number; y: number };

/**
 * `<training-chart>`: loss (left axis) and accuracy in % (right axis) per epoch, training solid and validation
 * dashed, drawn with Chart.js.
 * The server appends points with `addPoints(points)` (a point for an epoch already shown replaces it) and
 * clears the chart with `reset()`. Redraws are batched to one per animation frame. The number of epochs
 * shown is reflected in the `data-points` attribute.
 */
@customElement('training-chart')
export class TrainingChart extends LitElement {
  static styles = css`
    :host {
      display: block;
      position: relative;
      height: 320px;
    }
    .wrap {
      position: absolute;
      inset: 0;
    }
    .empty {
      position: absolute;
      inset: 0;
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--lumo-secondary-text-color, #6b7280);
      font: var(--lumo-font-size-s, 14px) var(--lumo-font-family, system-ui, sans-serif);
      pointer-events: none;
    }
  `;

  @state() private count = 0;
  private chart?: Chart<'line', XY[]>;
  private loss: XY[] = [];
  private accuracy: XY[] = [];
  private valLoss: XY[] = [];
  private valAccuracy: XY[] = [];
  private frame = 0;

  get pointCount() {
    return this.count;
  }

  protected render() {
    return html`
      <div class="wrap"><canvas aria-label="Loss and accuracy per epoch" role="img"></canvas></div>
      ${this.count === 0 ? html`<div class="empty">Waiting for the first epoch…</div>` : ''}
    `;
  }

  protected firstUpdated() {
    // Lumo colours are custom properties, often light-dark(...): let the browser resolve them to rgb()
    const probe = document.createElement('span');
    this.renderRoot.appendChild(probe);
    const color = (name: string, fallback: string) => {
      probe.style.color = `var(${name}, ${fallback})`;
      return getComputedStyle(probe).color || fallback;
    };
    const text = color('--lumo-secondary-text-color', '#4b5563');
    const grid = color('--lumo-contrast-10pct', 'rgba(0,0,0,0.08)');
    const lossColor = color('--lumo-primary-color', '#2563eb');
    const accColor = color('--lumo-success-color', '#16a34a');
    const family = getComputedStyle(this).getPropertyValue('--lumo-font-family').trim() || 'system-ui, sans-serif';
    const font = { family, size: 12 };
    probe.remove();
    this.chart = new Chart(this.renderRoot.querySelector('canvas')!, {
      type: 'line',
      data: {
        datasets: [
          { label: 'Loss', data: this.loss, yAxisID: 'loss', borderColor: lossColor, backgroundColor: lossColor },
          { label: 'Accuracy (%)', data: this.accuracy, yAxisID: 'accuracy', borderColor: accColor, backgroundColor: accColor },
          { label: 'Validation loss', data: this.valLoss, yAxisID: 'loss', borderColor: lossColor, backgroundColor: lossColor, borderDash: [6, 4] },
          { label: 'Validation accuracy (%)', data: this.valAccuracy, yAxisID: 'accuracy', borderColor: accColor, backgroundColor: accColor, borderDash: [6, 4] },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        normalized: true,
        interaction: { mode: 'index', intersect: false },
        elements: { point: { radius: 0, hitRadius: 6 }, line: { borderWidth: 2, tension: 0.2 } },
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch', color: text, font }, ticks: { color: text, font, precision: 0 }, grid: { color: grid } },
          loss: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'loss', color: text, font }, ticks: { color: text, font }, grid: { color: grid } },
          accuracy: { type: 'linear', position: 'right', min: 0, max: 100, title: { display: true, text: 'accuracy %', color: text, font }, ticks: { color: text, font }, grid: { drawOnChartArea: false } },
        },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: text, font, boxWidth: 12, boxHeight: 2 } },
          tooltip: { callbacks: { title: (items) => (items.length ? `epoch ${items[0].parsed.x}` : '') } },
        },
      },
    });
    this.scheduleDraw();
  }

  /** Appends epochs in order; a point for the last epoch shown replaces it (progress within an epoch). */
  addPoints(points: ChartPoint[]) {
    for (const p of points) {
      put(this.loss, p.epoch, p.loss);
      put(this.accuracy, p.epoch, p.accuracy);
      put(this.valLoss, p.epoch, p.valLoss ?? null);
      put(this.valAccuracy, p.epoch, p.valAccuracy ?? null);
    }
    this.count = Math.max(this.loss.length, this.accuracy.length);
    this.dataset.points = String(this.count);
    this.scheduleDraw();
  }

  reset() {
    this.loss.length = 0;
    this.accuracy.length = 0;
    this.valLoss.length = 0;
    this.valAccuracy.length = 0;
    this.count = 0;
    this.dataset.points = '0';
    this.scheduleDraw();
  }

  private scheduleDraw() {
    if (this.frame || !this.chart) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const chart = this.chart!;
      chart.options.scales!.accuracy!.display = this.accuracy.length > 0;
      // series without points (regression accuracy, no validation split) stay out of the legend
      chart.data.datasets.forEach((d, i) => chart.setDatasetVisibility(i, (d.data as XY[]).length > 0 || this.count === 0));
      chart.update('none');
    });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

function put(series: XY[], epoch: number, value: number | null) {
  if (value === null || value === undefined || !Number.isFinite(value)) return;
  const last = series[series.length - 1];
  if (last && last.x === epoch) last.y = value;
  else series.push({ x: epoch, y: value });
}

declare global {
  interface HTMLElementTagNameMap {
    'training-chart': TrainingChart;
  }
}
