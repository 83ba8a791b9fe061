/**
 * Horizontal bar charts drawn as SVG on the server: no script, no style attributes (the classes
 * are styled by /assets/compact.css and print.css). Each chart names itself (<title>) and says in
 * words what it shows (<desc>), and the page prints its data table beside it.
 */
export interface ChartSeries {
  readonly label: string;
}

export interface ChartRow {
  readonly label: string;
  /** One value per series: a number, or the text a suppressed figure shows ("fewer than 3"), or null. */
  readonly values: readonly (number | string | null)[];
}

export interface BarChart {
  readonly id: string;
  readonly title: string;
  readonly series: readonly ChartSeries[];
  readonly rows: readonly ChartRow[];
  /** How a value reads: "12 cases", "85%". */
  readonly format: (value: number) => string;
  /** Fix the scale (100 for percentages); otherwise the largest value. */
  readonly max?: number;
}

const WIDTH = 720;
const LABEL_WIDTH = 300;
const BAR_AREA = 300;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const ROW_GAP = 12;
const LINE = 15;
const LABEL_CHARS = 40;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const MAX_LINES = 2;

/** Splits a label into at most two lines of LABEL_CHARS characters, at spaces; a longer one ends with an ellipsis. */
export function wrapLabel(label: string, width = LABEL_CHARS): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  // The last line shown ends with an ellipsis, dropping whole words until it fits.
  let words = (lines[MAX_LINES - 1] as string).split(' ');
  while (words.length > 1 && `${words.join(' ')}…`.length > width) words = words.slice(0, -1);
  return [...lines.slice(0, MAX_LINES - 1), `${words.join(' ').replace(/[,.;:]$/, '')}…`];
}

/** The chart's text alternative: every value of every row, in words. */
export function describeChart(chart: BarChart): string {
  const valueText = (v: number | string | null) => (typeof v === 'number' ? chart.format(v) : v === null ? 'nothing to show' : v);
  return chart.rows
    .map((row) =>
      chart.series.length === 1
        ? `${row.label}: ${valueText(row.values[0] ?? null)}`
        : `${row.label}: ${chart.series.map((s, i) => `${valueText(row.values[i] ?? null)} (${s.label})`).join(', ')}`,
    )
    .join('; ')
    .concat('.');
}

export function barChartSvg(chart: BarChart): string {
  const numbers = chart.rows.flatMap((r) => r.values.filter((v): v is number => typeof v === 'number'));
  const max = chart.max ?? Math.max(1, ...numbers);
  const legend = chart.series.length > 1 ? LINE + 10 : 0;
  const parts: string[] = [];
  let y = legend + 4;

  if (chart.series.length > 1) {
    let x = LABEL_WIDTH;
    chart.series.forEach((s, i) => {
      parts.push(`<rect class="app-chart__bar--${i}" x="${x}" y="2" width="12" height="12"></rect>`);
      parts.push(`<text class="app-chart__legend" x="${x + 16}" y="13">${escape(s.label)}</text>`);
      x += 24 + s.label.length * 7;
    });
  }

  for (const row of chart.rows) {
    const lines = wrapLabel(row.label);
    const barsHeight = chart.series.length * BAR_HEIGHT + (chart.series.length - 1) * BAR_GAP;
    const height = Math.max(barsHeight, lines.length * LINE);
    lines.forEach((line, i) => {
      parts.push(`<text class="app-chart__label" x="0" y="${y + 12 + i * LINE}">${escape(line)}</text>`);
    });
    row.values.forEach((value, i) => {
      const barY = y + i * (BAR_HEIGHT + BAR_GAP);
      if (typeof value === 'number') {
        const width = Math.max(value > 0 ? 1 : 0, Math.round((value / max) * BAR_AREA));
        parts.push(`<rect class="app-chart__bar--${i}" x="${LABEL_WIDTH}" y="${barY}" width="${width}" height="${BAR_HEIGHT}"></rect>`);
        parts.push(`<text class="app-chart__value" x="${LABEL_WIDTH + width + 6}" y="${barY + 12}">${escape(chart.format(value))}</text>`);
      } else {
        parts.push(`<text class="app-chart__value app-chart__value--suppressed" x="${LABEL_WIDTH + 6}" y="${barY + 12}">${escape(value ?? '–')}</text>`);
      }
    });
    y += height + ROW_GAP;
  }
  const height = y;
  parts.push(`<line class="app-chart__axis" x1="${LABEL_WIDTH}" y1="${legend}" x2="${LABEL_WIDTH}" y2="${height - ROW_GAP / 2}"></line>`);
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  return [
    `<svg class="app-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" focusable="false">`,
    `<title id="${titleId}">${escape(chart.title)}</title>`,
    `<desc id="${descId}">${escape(describeChart(chart))}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
}
