import { Anchor, Card, Code, Group, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { label } from '../labels';
import { Loaded, Money, Status, Time } from '../parts';
import { useLoad } from '../use-load';

interface Story {
  payment: {
    id: string;
    phone: string;
    service: string;
    account: string;
    amount: string;
    status: string;
    stage?: string;
    reason: string | null;
    reasonMessage?: string | null;
    createdAt: string;
    idempotencyKey?: string;
    waitingFor?: string | null;
    finalAt?: string | null;
  };
  timelineFromRouter: boolean;
  events: { at: string; service: string; step: string; reason: string | null; amount: string | null }[];
  walletLines: { id: string; kind: string; amount: string; balanceAfter: string; createdAt: string }[] | null;
  sochiCredits:
    { amount: string; balanceAfter?: string | null; at?: string; creditedAt?: string; inn?: string }[] | null;
  invoice: { number: string; status: string; clientName: string } | null;
}

/** A payment's whole story across the four services, with the ledger lines and links to the organization or invoice. */
export function PaymentPage() {
  const { id } = useParams();
  const state = useLoad(() => api.get<Story>(`/api/payments/${id}/story`), [id]);
  return (
    <Loaded state={state}>
      {({ payment: p, events, walletLines, sochiCredits, invoice }) => (
        <Stack>
          <Group>
            <Title order={2}>Платёж</Title>
            <Status code={p.status} />
          </Group>
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, md: 3 }} data-testid="payment-facts">
              <Text>
                <b>ID:</b> <Code>{p.id}</Code>
              </Text>
              {p.idempotencyKey && (
                <Text>
                  <b>Ключ MegaPay:</b> <Code>{p.idempotencyKey}</Code>
                </Text>
              )}
              <Text>
                <b>Телефон:</b> {p.phone}
              </Text>
              <Text>
                <b>Услуга:</b> {label(p.service)}
              </Text>
              <Text>
                <b>{p.service === 'SOCHI' ? 'ИНН' : 'Счёт'}:</b>{' '}
                <Anchor
                  component={Link}
                  to={p.service === 'SOCHI' ? `/organizations/${p.account}` : `/ecp/invoices/${p.account}`}
                >
                  {p.account}
                </Anchor>
              </Text>
              <Text>
                <b>Сумма:</b> <Money value={p.amount} />
              </Text>
              <Text>
                <b>Создан:</b> <Time value={p.createdAt} />
              </Text>
              {p.reason && (
                <Text>
                  <b>Причина:</b> {label(p.reason)} {p.reasonMessage ? `(${p.reasonMessage})` : ''}
                </Text>
              )}
              {p.waitingFor && (
                <Text>
                  <b>Ждёт</b> {label(p.waitingFor)}
                </Text>
              )}
            </SimpleGrid>
          </Card>
          <Card withBorder>
            <Title order={4} mb="md">
              История по всем сервисам
            </Title>
            <Timeline bulletSize={14} lineWidth={2} data-testid="payment-timeline">
              {events.map((e, i) => (
                <Timeline.Item key={i} title={label(e.step)}>
                  <Text size="sm" c="dimmed">
                    <Time value={e.at} /> · {label(e.service)}
                  </Text>
                  {e.amount && (
                    <Text size="sm">
                      <Money value={e.amount} />
                    </Text>
                  )}
                  {e.reason && <Text size="sm">{label(e.reason)}</Text>}
                </Timeline.Item>
              ))}
            </Timeline>
          </Card>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={5} mb="sm">
                Строки кошелька {p.phone}
              </Title>
              {walletLines ? (
                <Table data-testid="wallet-lines">
                  <Table.Tbody>
                    {walletLines.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{label(l.kind)}</Table.Td>
                        <Table.Td>
                          <Money value={l.amount} />
                        </Table.Td>
                        <Table.Td>
                          остаток <Money value={l.balanceAfter} />
                        </Table.Td>
                        <Table.Td>
                          <Time value={l.createdAt} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                    {walletLines.length === 0 && (
                      <Table.Tr>
                        <Table.Td>Строк нет</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text c="dimmed">Кошелёк не ответил</Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={5} mb="sm">
                Получатель
              </Title>
              {p.service === 'SOCHI' &&
                (sochiCredits ? (
                  <Table data-testid="payee-lines">
                    <Table.Tbody>
                      {sochiCredits.map((c, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>Зачисление СОЧИ</Table.Td>
                          <Table.Td>
                            <Money value={c.amount} />
                          </Table.Td>
                          <Table.Td>
                            {c.balanceAfter ? (
                              <>
                                баланс <Money value={c.balanceAfter} />
                              </>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <Time value={c.at ?? c.creditedAt} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                      {sochiCredits.length === 0 && (
                        <Table.Tr>
                          <Table.Td>Зачисления нет</Table.Td>
                        </Table.Tr>
                      )}
                    </Table.Tbody>
                  </Table>
                ) : (
                  <Text c="dimmed">Баланс СОЧИ не ответил</Text>
                ))}
              {p.service === 'ECP' &&
                (invoice ? (
                  <Text data-testid="payee-lines">
                    Счёт{' '}
                    <Anchor component={Link} to={`/ecp/invoices/${invoice.number}`}>
                      {invoice.number}
                    </Anchor>{' '}
                    ({invoice.clientName}): <Status code={invoice.status} />
                  </Text>
                ) : (
                  <Text c="dimmed">Счёт не найден</Text>
                ))}
            </Card>
          </SimpleGrid>
        </Stack>
      )}
    </Loaded>
  );
}
