import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the per-hour bar chart draws, so the bundler leaves the rest of ECharts out.
echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);
export { echarts };
