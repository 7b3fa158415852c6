import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BACKEND_SERVICES, type BackendService } from '../../../src/domain/forwarding-rules';
import { api, query, svc } from '../api';
import { label } from '../labels';
import { Loaded, Problem, Time } from '../parts';
import { useMay } from '../session';
import { useLoad } from '../use-load';
import { PaymentTable, type PaymentPage } from './Payments';

interface ParkedMessage {
  id: string;
  messageId: string;
  queue: string;
  routingKey: string | null;
  code: string;
  reason: string;
  originalUserId: string | null;
  parkedAt: string;
  body: string;
}
interface ParkedPage {
  items: ParkedMessage[];
  total: number;
}

function StuckPayments() {
  const [minutes, setMinutes] = useState<number>(5);
  const state = useLoad(
    () =>
      api.get<PaymentPage>(
        svc('payment-router', `/v1/payments${query({ stuck: 'true', stuckAfterMinutes: minutes, pageSize: 100 })}`),
      ),
    [minutes],
  );
  return (
    <Stack>
      <NumberInput
        w={260}
        label="Не завершены дольше, минут"
        min={1}
        value={minutes}
        onChange={(v) => setMinutes(Number(v) || 1)}
      />
      <Loaded state={state}>{(page) => <PaymentTable page={page} />}</Loaded>
    </Stack>
  );
}

function ParkedQueue({ service }: { service: BackendService }) {
  const [code, setCode] = useState('');
  const state = useLoad(
    () => api.get<ParkedPage>(svc(service, `/v1/parked-messages${query({ code, limit: 100 })}`)),
    [service, code],
  );
  const mayRepublish = useMay('republishParked');
  const mayDiscard = useMay('discardParked');
  const [acting, setActing] = useState<{ message: ParkedMessage; action: 'republish' | 'discard' } | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const act = () =>
    api.post(svc(service, `/v1/parked-messages/${acting!.message.id}/${acting!.action}`), { note }).then(() => {
      setActing(null);
      setNote('');
      state.reload();
    }, setError);
  return (
    <Card withBorder data-testid={`parked-${service}`}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>
          {label(service)} <Code>{service}.parking</Code>{' '}
          <Badge color={state.data?.total ? 'red' : 'gray'}>{state.data?.total ?? '…'}</Badge>
        </Title>
        <TextInput
          size="xs"
          placeholder="код, напр. FORGED_PRODUCER"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value.trim())}
        />
      </Group>
      <Loaded state={state}>
        {(page) => (
          <Table>
            <Table.Tbody>
              {page.items.map((m) => (
                <Table.Tr key={m.id} data-testid="parked-message">
                  <Table.Td>
                    <Time value={m.parkedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color="red" variant="light">
                      {m.code}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {m.routingKey ?? '—'}{' '}
                      <Text span size="xs" c="dimmed">
                        от {m.originalUserId ?? 'неизвестно'}
                      </Text>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.reason}
                    </Text>
                    <Code block style={{ maxWidth: 520, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                      {m.body.slice(0, 300)}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {mayRepublish && (
                        <Button
                          size="xs"
                          onClick={() => {
                            setActing({ message: m, action: 'republish' });
                            setError(null);
                          }}
                        >
                          Обработать снова
                        </Button>
                      )}
                      {mayDiscard && (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          onClick={() => {
                            setActing({ message: m, action: 'discard' });
                            setError(null);
                          }}
                        >
                          Отбросить
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
              {page.items.length === 0 && (
                <Table.Tr>
                  <Table.Td>Очередь пуста</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Loaded>
      <Modal
        opened={acting !== null}
        onClose={() => setActing(null)}
        title={acting?.action === 'republish' ? 'Обработать сообщение снова' : 'Отбросить сообщение'}
      >
        <Stack>
          <Textarea
            label="Примечание (в журнал аудита)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="parked-note"
          />
          {error ? <Problem error={error} title="Не выполнено" /> : null}
          <Button onClick={act} disabled={!note.trim()} data-testid="parked-confirm">
            Подтвердить
          </Button>
        </Stack>
      </Modal>
    </Card>
  );
}

/** Trouble: payments not final after N minutes with what each waits for, and each service's parked messages. */
export function Trouble() {
  const [params, setParams] = useSearchParams();
  return (
    <Stack>
      <Title order={2}>Проблемы</Title>
      <Tabs
        value={params.get('tab') ?? 'stuck'}
        onChange={(tab) => setParams({ tab: tab ?? 'stuck' })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="stuck">Зависшие платежи</Tabs.Tab>
          <Tabs.Tab value="parked">Отложенные сообщения</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="stuck" pt="md">
          <StuckPayments />
        </Tabs.Panel>
        <Tabs.Panel value="parked" pt="md">
          <Stack>
            {BACKEND_SERVICES.map((s) => (
              <ParkedQueue key={s} service={s} />
            ))}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
