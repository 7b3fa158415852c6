import { writeFileSync } from 'node:fs';
import * as echarts from 'echarts';
import type { Level, TargetName } from './phases.js';

const WIDTH = 900;
const HEIGHT = 480;

function render(option: echarts.EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  chart.setOption({ animation: false, backgroundColor: '#fff', ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const axisName = { nameLocation: 'middle', nameGap: 32 } as const;

/** The chrome both plots share: title, legend, offered rate on a log axis from 20 to 1 000/s. */
function againstRate(
  title: string,
  yAxis: echarts.YAXisComponentOption,
  series: echarts.SeriesOption[],
  gridTop: number,
): echarts.EChartsOption {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { top: 28 },
    grid: { top: gridTop, left: 70, right: 30, bottom: 50 },
    xAxis: { type: 'log', name: 'offered payments/s', ...axisName, min: 20, max: 1000 },
    yAxis: { ...axisName, nameGap: 45, ...yAxis } as echarts.YAXisComponentOption,
    series,
  };
}

/** p50 (dashed) and p99 (solid) against offered rate for every target, on the same log-scaled axes. */
export function latencyPlot(levels: Partial<Record<TargetName, Level[]>>, file: string, title: string): void {
  const colors: Record<TargetName, string> = { system: '#c23531', R1: '#2f4554', R2: '#61a0a8' };
  const series: echarts.SeriesOption[] = [];
  for (const [name, ls] of Object.entries(levels) as [TargetName, Level[]][]) {
    for (const p of ['p50', 'p99'] as const)
      series.push({
        name: `${name} ${p}`,
        type: 'line',
        symbolSize: 6,
        lineStyle: { type: p === 'p50' ? 'dashed' : 'solid', color: colors[name] },
        itemStyle: { color: colors[name] },
        data: ls.map((l) => [l.rate, Math.max(0.1, l.latencyMs[p])]),
      });
  }
  writeFileSync(file, render(againstRate(title, { type: 'log', name: 'latency ms' }, series, 70)));
}

/** CPU ms per payment by process group against offered rate (the load generator's own groups left out). */
export function cpuPlot(levels: Level[], file: string, title: string, leaveOut: Set<string>): void {
  const groups = [...new Set(levels.flatMap((l) => Object.keys(l.cpu.msPerPayment)))].filter((g) => !leaveOut.has(g));
  writeFileSync(
    file,
    render({
      title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
      legend: { top: 28 },
      grid: { top: 90, left: 70, right: 30, bottom: 50 },
      xAxis: { type: 'log', name: 'offered payments/s', ...axisName, min: 20, max: 1000 },
      yAxis: { type: 'value', name: 'CPU ms per payment', ...axisName, nameGap: 45 },
      series: [
        ...groups.map((g): echarts.SeriesOption => ({
          name: g,
          type: 'line',
          stack: 'cpu',
          areaStyle: { opacity: 0.5 },
          data: levels.map((l) => [l.rate, l.cpu.msPerPayment[g] ?? 0]),
        })),
      ],
    }),
  );
}
