import { barChartSvg, describeChart, wrapLabel } from './bar-chart.js';

const chart = {
  id: 'chart-outcomes',
  title: 'How the cases <closed>',
  series: [{ label: 'Cases' }],
  rows: [
    { label: 'Resolved informally', values: [12] },
    { label: 'Upheld & more', values: ['fewer than 3'] },
    { label: 'Withdrawn', values: [null] },
  ],
  format: (v: number) => `${v} cases`,
};

describe('a bar chart drawn on the server', () => {
  it('names itself and says every value in words, for those who cannot see it', () => {
    const svg = barChartSvg(chart);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-outcomes-title chart-outcomes-desc"/);
    expect(svg).toContain('<title id="chart-outcomes-title">How the cases &lt;closed&gt;</title>');
    expect(describeChart(chart)).toBe('Resolved informally: 12 cases; Upheld & more: fewer than 3; Withdrawn: nothing to show.');
    expect(svg).toContain('<desc id="chart-outcomes-desc">Resolved informally: 12 cases; Upheld &amp; more: fewer than 3; Withdrawn: nothing to show.</desc>');
  });

  it('draws no bar for a suppressed figure but writes what it shows, and uses no inline style (the CSP forbids it)', () => {
    const svg = barChartSvg(chart);
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg).toContain('app-chart__value--suppressed');
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).not.toContain('<script');
  });

  it('wraps long labels at spaces onto two lines at most', () => {
    expect(wrapLabel('Stage 3: Compact Development Group', 20)).toEqual(['Stage 3: Compact', 'Development Group']);
    expect(wrapLabel('one two three four five six seven eight nine ten', 10)).toEqual(['one two', 'three…']);
  });
});
