// Charts drawn with ECharts: a donut of counts by state (home page) and a gantt of task
// instances over time (instance detail). Only the ECharts modules used here are bundled.
import ReactEChartsCore from 'echarts-for-react/lib/core';
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams } from 'echarts/types/dist/shared';
import dayjs from 'dayjs';
import { Empty } from 'antd';
import type { GanttData } from '../api/types';
import { taskStateMeta, workflowStateMeta } from '../lib/states';
import { useT } from '../i18n';

echarts.use([PieChart, BarChart, CustomChart, TooltipComponent, LegendComponent, GridComponent, DataZoomComponent, CanvasRenderer]);

export function StateDonut({
  counts,
  kind,
  testId,
}: {
  counts: { state: string; count: number }[];
  kind: 'workflow' | 'task';
  testId?: string;
}) {
  const t = useT();
  const meta = kind === 'workflow' ? workflowStateMeta : taskStateMeta;
  const data = counts
    .filter((c) => c.count > 0)
    .map((c) => ({ name: t(meta(c.state).label), value: c.count, itemStyle: { color: meta(c.state).color } }));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (!total) {
    return (
      <div data-testid={testId} data-total="0">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRunsToday')} />
      </div>
    );
  }
  const option = {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 8, top: 'middle', type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['52%', '78%'],
        center: ['35%', '50%'],
        avoidLabelOverlap: true,
        label: { show: true, position: 'center', formatter: () => `${total}`, fontSize: 26, fontWeight: 600, color: '#262626' },
        labelLine: { show: false },
        data,
      },
    ],
  };
  return (
    <div data-testid={testId} data-total={String(total)}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 240 }} notMerge />
    </div>
  );
}

interface GanttRow {
  name: string;
  start: number;
  end: number;
  status: string;
  duration?: string;
}

export function GanttChart({ gantt }: { gantt: GanttData }) {
  const t = useT();
  const nowMs = Date.now();
  const rows: GanttRow[] = (gantt.tasks ?? [])
    .map((task) => {
      const start = Number(task.startDate?.[0]) || (task.isoStart ? dayjs(task.isoStart).valueOf() : 0);
      const endRaw = Number(task.endDate?.[0]) || (task.isoEnd ? dayjs(task.isoEnd).valueOf() : 0);
      return { name: task.taskName, start, end: endRaw > 0 ? endRaw : nowMs, status: task.status, duration: task.duration };
    })
    .filter((row) => row.start > 0)
    .sort((a, b) => a.start - b.start);
  if (!rows.length) return <Empty description={t('gantt.empty')} />;
  const names = rows.map((row) => row.name);
  const option = {
    tooltip: {
      formatter: (p: { data: { value: [number, number, number]; row: GanttRow } }) => {
        const row = p.data.row;
        return `<b>${row.name}</b><br/>${t(taskStateMeta(row.status).label)}<br/>${dayjs(row.start).format('HH:mm:ss')} → ${dayjs(row.end).format('HH:mm:ss')}${row.duration ? `<br/>${row.duration}` : ''}`;
      },
    },
    grid: { left: 160, right: 32, top: 16, bottom: 48 },
    xAxis: { type: 'time', axisLabel: { formatter: (v: number) => dayjs(v).format('HH:mm:ss') } },
    yAxis: { type: 'category', data: names, inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }, { type: 'slider', xAxisIndex: 0, height: 16, bottom: 8 }],
    series: [
      {
        type: 'custom',
        renderItem: (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
          const index = api.value(0) as number;
          const start = api.coord([api.value(1), index]);
          const end = api.coord([api.value(2), index]);
          const size = api.size?.([0, 1]) as number[];
          const height = Math.max(8, size[1] * 0.55);
          return {
            type: 'rect',
            shape: { x: start[0], y: start[1] - height / 2, width: Math.max(3, end[0] - start[0]), height, r: 3 },
            style: api.style(),
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: rows.map((row, index) => ({
          value: [index, row.start, row.end],
          row,
          itemStyle: { color: taskStateMeta(row.status).color },
        })),
      },
    ],
  };
  return (
    <div data-testid="gantt-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: Math.max(200, rows.length * 36 + 80) }} notMerge />
    </div>
  );
}
