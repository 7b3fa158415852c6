import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, query, svc } from '../api';
import { bishkekToday } from '../format';
import { label } from '../labels';
import { Loaded, Money, Status, Time } from '../parts';
import { useLoad } from '../use-load';

interface Organization {
  inn: string;
  name: string;
  balance: string;
  createdAt: string;
  awaitingPayment: { reports: number; total: string };
  credits: { paymentId: string; amount: string; balanceAfter: string; payerPhone: string; creditedAt: string }[];
}
interface Charges {
  items: {
    reportId: string;
    description: string;
    price: string;
    status: string;
    requestedAt: string | null;
    paidAt: string | null;
  }[];
}
interface Statement {
  from: string;
  to: string;
  openingBalance: string;
  credits: string;
  charges: string;
  closingBalance: string;
  entries: {
    id: string;
    kind: string;
    amount: string;
    balanceAfter: string;
    paymentId: string | null;
    reportId: string | null;
    at: string;
  }[];
}

function ChargesCard({ inn }: { inn: string }) {
  const [status, setStatus] = useState('ALL');
  const state = useLoad(
    () =>
      api.get<Charges>(
        svc(
          'sochi-balance',
          `/v1/sochi/organizations/${inn}/charges${query({ status: status === 'ALL' ? undefined : status })}`,
        ),
      ),
    [inn, status],
  );
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>Начисления за отчёты</Title>
        <SegmentedControl
          size="xs"
          value={status}
          onChange={setStatus}
          data={[
            { value: 'ALL', label: 'Все' },
            { value: 'PAID', label: 'Оплачены' },
            { value: 'AWAITING_PAYMENT', label: 'Ждут оплаты' },
          ]}
        />
      </Group>
      <Loaded state={state}>
        {(charges) => (
          <Table>
            <Table.Tbody>
              {charges.items.map((c) => (
                <Table.Tr key={c.reportId}>
                  <Table.Td>{c.reportId}</Table.Td>
                  <Table.Td>{c.description}</Table.Td>
                  <Table.Td>
                    <Money value={c.price} />
                  </Table.Td>
                  <Table.Td>
                    <Status code={c.status} />
                  </Table.Td>
                  <Table.Td>
                    <Time value={c.paidAt ?? c.requestedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
              {charges.items.length === 0 && (
                <Table.Tr>
                  <Table.Td>Начислений нет</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Loaded>
    </Card>
  );
}

function StatementCard({ inn }: { inn: string }) {
  const today = bishkekToday();
  const [from, setFrom] = useState(`${today.slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const state = useLoad(
    () => api.get<Statement>(svc('sochi-balance', `/v1/sochi/organizations/${inn}/statement${query(period)}`)),
    [inn, period.from, period.to],
  );
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        Выписка за период
      </Title>
      <Group align="end" mb="sm">
        <TextInput type="date" label="С" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput type="date" label="По" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button variant="light" onClick={() => setPeriod({ from, to })}>
          Показать
        </Button>
        <Button
          component="a"
          href={`/api/organizations/${inn}/statement.csv${query(period)}`}
          download
          data-testid="statement-csv"
        >
          Скачать CSV
        </Button>
      </Group>
      <Loaded state={state}>
        {(s) => (
          <Stack>
            <SimpleGrid cols={4}>
              <Text>
                Входящий: <Money value={s.openingBalance} />
              </Text>
              <Text>
                Зачислено: <Money value={s.credits} />
              </Text>
              <Text>
                Списано: <Money value={s.charges} />
              </Text>
              <Text>
                Исходящий: <Money value={s.closingBalance} />
              </Text>
            </SimpleGrid>
            <Table>
              <Table.Tbody>
                {s.entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      <Time value={e.at} />
                    </Table.Td>
                    <Table.Td>{label(e.kind)}</Table.Td>
                    <Table.Td>
                      <Money value={e.amount} />
                    </Table.Td>
                    <Table.Td>
                      <Money value={e.balanceAfter} />
                    </Table.Td>
                    <Table.Td>
                      {e.paymentId ? (
                        <Anchor component={Link} to={`/payments/${e.paymentId}`}>
                          платёж
                        </Anchor>
                      ) : (
                        e.reportId
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Loaded>
    </Card>
  );
}

/** An organization: balance, credits, report charges, statement with CSV download. */
export function OrganizationPage() {
  const { inn } = useParams();
  const state = useLoad(() => api.get<Organization>(svc('sochi-balance', `/v1/sochi/organizations/${inn}`)), [inn]);
  return (
    <Loaded state={state}>
      {(o) => (
        <Stack>
          <Title order={2}>{o.name}</Title>
          <Card withBorder>
            <SimpleGrid cols={3}>
              <Text>
                <b>ИНН:</b> {o.inn}
              </Text>
              <Text>
                <b>Баланс СОЧИ:</b>{' '}
                <span data-testid="organization-balance">
                  <Money value={o.balance} />
                </span>
              </Text>
              <Text>
                <b>Ждут оплаты:</b> {o.awaitingPayment.reports} отч. на <Money value={o.awaitingPayment.total} />
              </Text>
            </SimpleGrid>
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              Зачисления
            </Title>
            <Table>
              <Table.Tbody>
                {o.credits.map((c) => (
                  <Table.Tr key={c.paymentId}>
                    <Table.Td>
                      <Time value={c.creditedAt} />
                    </Table.Td>
                    <Table.Td>
                      <Money value={c.amount} />
                    </Table.Td>
                    <Table.Td>{c.payerPhone}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/payments/${c.paymentId}`}>
                        платёж
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {o.credits.length === 0 && (
                  <Table.Tr>
                    <Table.Td>Зачислений нет</Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Card>
          <ChargesCard inn={o.inn} />
          <StatementCard inn={o.inn} />
        </Stack>
      )}
    </Loaded>
  );
}
