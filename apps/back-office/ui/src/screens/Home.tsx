import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { bishkekHour } from '../format';
import { label } from '../labels';
import { Loaded, Money } from '../parts';
import { useLoad } from '../use-load';

interface HomeData {
  date: string;
  summary: { date: string; totals: { service: string; status: string; count: number; amount: string }[] } | null;
  perHour: { hours: { hourStart: string; count: number; amount: string }[] } | null;
  trouble: { stuck: number | null; parked: Record<string, number | null> };
}

/** Payments per hour for the last 24 h, an ECharts bar chart. */
function PerHourChart({ hours }: { hours: { hourStart: string; count: number }[] }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let dispose = () => {};
    let cancelled = false;
    // Loaded when the home page first shows the chart, not with every other screen.
    void import('../per-hour-echarts').then(({ echarts }) => {
      if (cancelled) return;
      const chart = echarts.init(element.current!, undefined, { renderer: 'canvas' });
      chart.setOption({
        animation: false,
        grid: { left: 40, right: 10, top: 20, bottom: 30 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: hours.map((h) => bishkekHour(h.hourStart)) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: 'Платежей', data: hours.map((h) => h.count), itemStyle: { color: '#228be6' } }],
      });
      const resize = () => chart.resize();
      window.addEventListener('resize', resize);
      dispose = () => {
        window.removeEventListener('resize', resize);
        chart.dispose();
      };
    });
    return () => {
      cancelled = true;
      dispose();
    };
  }, [hours]);
  return <div ref={element} style={{ height: 260, width: '100%' }} data-testid="per-hour-chart" />;
}

export function Home() {
  const state = useLoad(() => api.get<HomeData>('/api/home'), []);
  return (
    <Loaded state={state}>
      {(home) => {
        const parked = Object.values(home.trouble.parked).reduce<number>((sum, n) => sum + (n ?? 0), 0);
        return (
          <Stack>
            <Title order={2}>Сегодня, {home.date.split('-').reverse().join('.')}</Title>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Card withBorder component={Link} to="/trouble?tab=stuck">
                <Text c="dimmed" size="sm">
                  Зависшие платежи
                </Text>
                <Group>
                  <Badge size="xl" color={home.trouble.stuck ? 'red' : 'green'} data-testid="stuck-count">
                    {home.trouble.stuck ?? '—'}
                  </Badge>
                </Group>
              </Card>
              <Card withBorder component={Link} to="/trouble?tab=parked">
                <Text c="dimmed" size="sm">
                  Отложенные сообщения
                </Text>
                <Group>
                  <Badge size="xl" color={parked ? 'red' : 'green'} data-testid="parked-count">
                    {parked}
                  </Badge>
                </Group>
              </Card>
              <Card withBorder component={Link} to="/reconciliation">
                <Text c="dimmed" size="sm">
                  Сверка с MegaPay
                </Text>
                <Text>Реестры и расхождения по дням</Text>
              </Card>
            </SimpleGrid>
            <Card withBorder>
              <Title order={4} mb="sm">
                Итоги дня по услугам и статусам
              </Title>
              {home.summary ? (
                <Table data-testid="today-totals">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Услуга</Table.Th>
                      <Table.Th>Статус</Table.Th>
                      <Table.Th>Платежей</Table.Th>
                      <Table.Th>Сумма</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {home.summary.totals.map((t) => (
                      <Table.Tr key={`${t.service}-${t.status}`}>
                        <Table.Td>{label(t.service)}</Table.Td>
                        <Table.Td>{label(t.status)}</Table.Td>
                        <Table.Td>{t.count}</Table.Td>
                        <Table.Td>
                          <Money value={t.amount} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                    {home.summary.totals.length === 0 && (
                      <Table.Tr>
                        <Table.Td colSpan={4}>Сегодня платежей нет</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text c="dimmed">Итоги недоступны</Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">
                Платежи по часам, последние 24 часа
              </Title>
              {home.perHour ? <PerHourChart hours={home.perHour.hours} /> : <Text c="dimmed">График недоступен</Text>}
            </Card>
          </Stack>
        );
      }}
    </Loaded>
  );
}
