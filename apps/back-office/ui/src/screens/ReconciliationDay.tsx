import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, svc } from '../api';
import { label } from '../labels';
import { Loaded, Money, Problem, Status, Time } from '../parts';
import { useMay } from '../session';
import { useLoad } from '../use-load';
import type { DayCounts } from './Reconciliation';

interface Side {
  phone: string;
  service: string;
  account: string;
  amount: string;
  status: string;
  at: string;
}
interface SideTotals {
  count: number;
  amount: string;
}
interface Difference {
  id: string;
  kind: string;
  idempotencyKey: string | null;
  paymentId: string | null;
  ours: Side | null;
  theirs: Side | null;
  resolution: { note: string; by: string; at: string } | null;
}
interface Day {
  date: string;
  comparedAt: string;
  counts: DayCounts;
  unresolved: number;
  differences: Difference[];
  totals: {
    perService: { service: string; ours: SideTotals; theirs: SideTotals }[];
    perStatus: { status: string; ours: SideTotals; theirs: SideTotals }[];
  };
}

function SideText({ side }: { side: Side | null }) {
  if (!side)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={2}>
      <Group gap="xs">
        <Money value={side.amount} />
        <Status code={side.status} />
      </Group>
      <Text size="xs" c="dimmed">
        {side.phone} · {label(side.service)} {side.account} · <Time value={side.at} />
      </Text>
    </Stack>
  );
}

/** One day's comparison: counts and totals, each difference with its resolution; billing resolves with a note. */
export function ReconciliationDay() {
  const { date } = useParams();
  const state = useLoad(() => api.get<Day>(svc('payment-router', `/v1/reconciliation/days/${date}`)), [date]);
  const mayResolve = useMay('resolveDifference');
  const [resolving, setResolving] = useState<Difference | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const resolve = () =>
    api
      .post(svc('payment-router', `/v1/reconciliation/days/${date}/differences/${resolving!.id}/resolution`), { note })
      .then(() => {
        setResolving(null);
        setNote('');
        state.reload();
      }, setError);
  return (
    <Loaded state={state}>
      {(day) => (
        <Stack>
          <Group>
            <Title order={2}>Сверка за {day.date.split('-').reverse().join('.')}</Title>
            {day.unresolved > 0 ? (
              <Badge color="red" data-testid="day-flag">
                Не разобрано: {day.unresolved}
              </Badge>
            ) : (
              <Badge color="green" data-testid="day-flag">
                Всё разобрано
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Сверено <Time value={day.comparedAt} />
          </Text>
          <SimpleGrid cols={{ base: 2, md: 6 }} data-testid="day-counts">
            {(Object.keys(day.counts) as (keyof DayCounts)[]).map((k) => (
              <Card withBorder key={k}>
                <Text size="sm" c="dimmed">
                  {label(k)}
                </Text>
                <Text fw={700} size="xl">
                  {day.counts[k]}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">
              Расхождения
            </Title>
            <Table data-testid="differences">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Вид</Table.Th>
                  <Table.Th>Ключ MegaPay</Table.Th>
                  <Table.Th>У нас</Table.Th>
                  <Table.Th>У MegaPay</Table.Th>
                  <Table.Th>Разбор</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {day.differences.map((d) => (
                  <Table.Tr key={d.id} data-testid="difference" data-kind={d.kind}>
                    <Table.Td>{label(d.kind)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.idempotencyKey ?? '—'}</Text>
                      {d.paymentId && (
                        <Anchor component={Link} size="sm" to={`/payments/${d.paymentId}`}>
                          платёж
                        </Anchor>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <SideText side={d.ours} />
                    </Table.Td>
                    <Table.Td>
                      <SideText side={d.theirs} />
                    </Table.Td>
                    <Table.Td>
                      {d.resolution ? (
                        <Text size="sm">
                          {d.resolution.note}{' '}
                          <Text span c="dimmed" size="xs">
                            ({d.resolution.by}, <Time value={d.resolution.at} />)
                          </Text>
                        </Text>
                      ) : mayResolve ? (
                        <Button
                          size="xs"
                          onClick={() => {
                            setResolving(d);
                            setError(null);
                          }}
                        >
                          Разобрать
                        </Button>
                      ) : (
                        <Badge color="red" variant="light">
                          не разобрано
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
                {day.differences.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>Расхождений нет</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Card>
          <SimpleGrid cols={2}>
            {(['perService', 'perStatus'] as const).map((k) => (
              <Card withBorder key={k}>
                <Title order={5} mb="sm">
                  {k === 'perService' ? 'Итоги по услугам' : 'Итоги по статусам'}
                </Title>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th />
                      <Table.Th>У нас</Table.Th>
                      <Table.Th>У MegaPay</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {day.totals[k].map((t, i) => (
                      <Table.Tr key={i}>
                        <Table.Td>{label('service' in t ? t.service : t.status)}</Table.Td>
                        <Table.Td>
                          {t.ours.count} · <Money value={t.ours.amount} />
                        </Table.Td>
                        <Table.Td>
                          {t.theirs.count} · <Money value={t.theirs.amount} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))}
          </SimpleGrid>
          <Modal opened={resolving !== null} onClose={() => setResolving(null)} title="Разбор расхождения">
            <Stack>
              <Textarea
                label="Что выяснили"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                data-testid="resolution-note"
              />
              {error ? <Problem error={error} title="Не сохранено" /> : null}
              <Button onClick={resolve} disabled={!note.trim()}>
                Сохранить
              </Button>
            </Stack>
          </Modal>
        </Stack>
      )}
    </Loaded>
  );
}
