/** relm's SVG charts: pure functions from data to one self-contained <svg> string each. */
export { radarChart, type RadarOptions, type RadarSeries, type RadarStyle } from './radar.js';
export {
  gapBars,
  stackedBars,
  histogram,
  binnedHistogram,
  binCounts,
  binLabel,
  DEFAULT_AGE_BINS,
  type GapRow,
  type GapBarsOptions,
  type StackedRow,
  type StackedBarsOptions,
  type HistogramOptions,
  type Bin,
} from './bars.js';
export { levelHeatmap, heatColor, type HeatmapRow, type HeatmapOptions } from './heatmap.js';
export { doraBands, DORA_BANDS, type DoraBand, type DoraMetric, type DoraOptions } from './dora.js';
export { escapeXml, n, noDataChart, isNoDataChart, FONT_FAMILY, PALETTE } from './svg.js';
export { lineChart, type LineSeries, type LineChartOptions } from './line.js';
export { boxPlot, type BoxRow, type BoxPlotOptions } from './boxplot.js';
