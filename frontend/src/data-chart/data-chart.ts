import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, ScatterController, LineController, LineElement,
  PointElement, Legend, Tooltip);

/** A point of a scatter plot; points with the same group share a colour and a legend entry. */
export interface ScatterPoint {
  x: number;
  y: number;
  group: string | null;
}

/** One line of a line chart: values over steps 0, 1, 2, ... */
export interface Series {
  label: string;
  values: number[];
}

/** Colour-blind friendly categorical colours (Okabe–Ito), then a few more. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000',
  '#8c564b', '#7f7f7f', '#bcbd22', '#17becf'];

/**
 * `<data-chart>`: a small Chart.js chart for looking at data sets. The server draws one of three kinds:
 * `setBar(labels, values)` (class balance), `setScatter(points)` (2-D samples coloured by class) or
 * `setLines(series)` (sequences) or `setPaths(points)` (each group's points joined in order). Each call replaces what was drawn. The kind and the number of values drawn are
 * reflected in the `data-kind` and `data-count` attributes.
 */
@customElement('data-chart')
export class DataChart extends LitElement {
  static styles = css`
    :host {
      display: block;
      position: relative;
      height: 260px;
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
    }
  `;

  @state() private count = 0;
  private chart?: Chart;
  /** What the server asked for last: drawn once the canvas exists, again after a re-attach. */
  private config?: ChartConfiguration;

  protected render() {
    return html`
      <div class="wrap"><canvas role="img" aria-label="Data set chart"></canvas></div>
      ${this.count === 0 ? html`<div class="empty">Nothing to show</div>` : ''}
    `;
  }

  protected firstUpdated() {
    this.draw();
  }

  setBar(labels: string[], values: number[]) {
    const color = this.colors().accent;
    this.show('bar', values.length, {
      type: 'bar',
      data: { labels, datasets: [{ label: 'samples', data: values, backgroundColor: color, borderRadius: 3 }] },
      options: this.options({ legend: false, xType: 'category' }),
    });
  }

  setScatter(points: ScatterPoint[]) {
    const groups = new Map<string, { x: number; y: number }[]>();
    for (const p of points) {
      const key = p.group ?? 'samples';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ x: p.x, y: p.y });
    }
    const datasets = [...groups.entries()].map(([label, data], i) => ({
      label,
      data,
      backgroundColor: PALETTE[i % PALETTE.length],
      borderColor: PALETTE[i % PALETTE.length],
      pointRadius: points.length > 1000 ? 2 : 3,
    }));
    this.show('scatter', points.length, {
      type: 'scatter',
      data: { datasets },
      options: this.options({ legend: datasets.length > 1, xType: 'linear' }),
    });
  }

  /** Paths through the plane: the points of each group joined in order (an optimizer's steps on a loss surface). */
  setPaths(points: ScatterPoint[]) {
    const groups = new Map<string, { x: number; y: number }[]>();
    for (const p of points) {
      const key = p.group ?? 'path';
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ x: p.x, y: p.y });
    }
    const datasets = [...groups.entries()].map(([label, data], i) => ({
      label,
      data,
      showLine: true,
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      borderWidth: 1.5,
      pointRadius: 2,
    }));
    this.show('paths', points.length, {
      type: 'scatter',
      data: { datasets },
      options: this.options({ legend: datasets.length > 1, xType: 'linear' }),
    });
  }

  setLines(series: Series[]) {
    const datasets = series.map((s, i) => ({
      label: s.label,
      data: s.values.map((y, x) => ({ x, y })),
      borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length],
      pointRadius: 0,
      borderWidth: 1.5,
    }));
    this.show('line', series.length, {
      type: 'line',
      data: { datasets },
      options: this.options({ legend: series.length > 1, xType: 'linear' }),
    });
  }

  private show(kind: string, count: number, config: ChartConfiguration) {
    this.count = count;
    this.dataset.kind = kind;
    this.dataset.count = String(count);
    this.config = config;
    if (this.hasUpdated) this.draw();
  }

  private draw() {
    this.chart?.destroy();
    this.chart = undefined;
    const canvas = this.renderRoot.querySelector('canvas');
    if (this.config && canvas) this.chart = new Chart(canvas, this.config);
  }

  private options(o: { legend: boolean; xType: 'linear' | 'category' }) {
    const c = this.colors();
    const font = { family: c.family, size: 12 };
    const axis = { ticks: { color: c.text, font }, grid: { color: c.grid } };
    return {
      animation: false as const,
      maintainAspectRatio: false,
      scales: { x: { type: o.xType, ...axis }, y: { type: 'linear' as const, ...axis } },
      plugins: {
        legend: { display: o.legend, position: 'top' as const, align: 'end' as const, labels: { color: c.text, font, boxWidth: 10 } },
      },
    };
  }

  /** Lumo colours are custom properties (often light-dark(...)): let the browser resolve them to rgb(). */
  private colors() {
    const probe = document.createElement('span');
    this.renderRoot.appendChild(probe);
    const color = (name: string, fallback: string) => {
      probe.style.color = `var(${name}, ${fallback})`;
      return getComputedStyle(probe).color || fallback;
    };
    const result = {
      text: color('--lumo-secondary-text-color', '#4b5563'),
      grid: color('--lumo-contrast-10pct', 'rgba(0,0,0,0.08)'),
      accent: color('--lumo-primary-color', '#2563eb'),
      family: getComputedStyle(this).getPropertyValue('--lumo-font-family').trim() || 'system-ui, sans-serif',
    };
    probe.remove();
    return result;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.hasUpdated && !this.chart) this.draw(); // re-attached
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.chart?.destroy();
    this.chart = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'data-chart': DataChart;
  }
}
