// Charts of the Programmes pages, drawn with Apache ECharts (bundled by build.mjs as a hashed local asset and loaded
// on first use). Every chart has a real data table beside it with the same numbers; the chart itself is an image
// to assistive technology (ECharts sets role="img" and our description as its aria-label), its series carry decal
// patterns as well as colours (Okabe-Ito, safe for colour-blind readers), and the tooltip is drawn on the canvas
// (richText), since the page's Content-Security-Policy allows no inline styles.
import { h } from '../dom.js';
import { t, onLangChange } from '../i18n.js';

// Okabe & Ito (2008): blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
const TEXT = '#1e2124';
const FONT = '"Pretendard GOV", "Noto Sans CJK KR", "Noto Sans KR", sans-serif';

let loading;
const echartsLib = () => {
  loading ||= import('../../vendor/echarts.js');
  return loading;
};

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

/**
 * A chart container. spec() is called (again after a language switch) and returns
 * {categories, series: [{nameKey, type: 'bar'|'line', data}], horizontal, descriptionKey, descriptionParams}.
 * Returns {el, draw()}; draw() (re)renders with a fresh spec().
 */
export function chartBox(id, spec) {
  const el = h('div', { class: 'prog-chart', id, dataset: { chart: '' } });
  let chart = null;
  let off = null;
  let ro = null;

  function dispose() {
    chart?.dispose();
    chart = null;
    off?.();
    ro?.disconnect();
  }

  function option(s) {
    const cat = { type: 'category', data: s.categories, axisLabel: { color: TEXT, width: s.horizontal ? 120 : undefined, overflow: 'truncate', interval: 0, hideOverlap: !s.horizontal }, axisTick: { alignWithLabel: true } };
    const val = { type: 'value', minInterval: 1, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: '#cdd1d5' } } };
    return {
      color: OKABE_ITO,
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT, color: TEXT },
      aria: {
        enabled: true,
        decal: { show: true },
        label: { description: t(s.descriptionKey, s.descriptionParams) },
      },
      tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { color: TEXT } },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: s.horizontal ? val : cat,
      yAxis: s.horizontal ? { ...cat, inverse: true } : val,
      series: s.series.map((x) => ({
        name: t(x.nameKey), type: x.type || 'bar', data: x.data,
        symbolSize: 8, lineStyle: x.type === 'line' ? { width: 3, type: 'dashed' } : undefined,
        barMaxWidth: 28,
      })),
    };
  }

  async function draw(tries = 0) {
    const s = spec();
    // Tall enough for every category of a horizontal chart (set through the CSSOM, which the CSP allows); the
    // stylesheet's height otherwise.
    el.style.height = s.horizontal ? `${Math.max(24, 6 + s.categories.length * 4.2)}rem` : '';
    const echarts = await echartsLib();
    if (!el.isConnected) {
      // Not in the document yet (the page is still being put in place): try again on the next frames.
      if (tries < 30) requestAnimationFrame(() => draw(tries + 1));
      return;
    }
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      off = onLangChange(() => (el.isConnected ? draw() : dispose()));
      ro = new ResizeObserver(() => (el.isConnected ? chart?.resize() : dispose()));
      ro.observe(el);
    }
    chart.setOption(option(s), { notMerge: true });
    chart.resize();
    el.dataset.drawn = 'true';
  }

  return { el, draw, dispose };
}
