import {
  Anchor,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, query, svc } from '../api';
import { bishkekInputToIso } from '../format';
import { label, options, PAYMENT_STATUSES } from '../labels';
import { Loaded, Money, PageFooter, Status, Time, type Paged } from '../parts';
import { useLoad } from '../use-load';

export interface PaymentItem {
  paymentId: string;
  idempotencyKey: string;
  phone: string;
  service: string;
  account: string;
  amount: string;
  status: string;
  reason: string | null;
  createdAt: string;
  finalAt: string | null;
  waitingFor: string | null;
}
export type PaymentPage = Paged<PaymentItem>;

const FIELDS = [
  'paymentId',
  'idempotencyKey',
  'phone',
  'account',
  'service',
  'status',
  'reason',
  'from',
  'to',
  'sort',
] as const;
const SORTS = [
  { value: '-createdAt', label: 'Сначала новые' },
  { value: 'createdAt', label: 'Сначала старые' },
  { value: '-amount', label: 'Сначала крупные' },
  { value: 'amount', label: 'Сначала мелкие' },
];

/** The payments as a table that links each to its page. */
export function PaymentTable({ page, onPage }: { page: PaymentPage; onPage?: (n: number) => void }) {
  return (
    <Stack>
      <Table striped highlightOnHover data-testid="payments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Создан</Table.Th>
            <Table.Th>Телефон</Table.Th>
            <Table.Th>Услуга</Table.Th>
            <Table.Th>Счёт / ИНН</Table.Th>
            <Table.Th>Сумма</Table.Th>
            <Table.Th>Статус</Table.Th>
            <Table.Th>Причина / ждёт</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page.items.map((p) => (
            <Table.Tr key={p.paymentId}>
              <Table.Td>
                <Anchor component={Link} to={`/payments/${p.paymentId}`} data-testid="payment-link">
                  <Time value={p.createdAt} />
                </Anchor>
              </Table.Td>
              <Table.Td>{p.phone}</Table.Td>
              <Table.Td>{label(p.service)}</Table.Td>
              <Table.Td>{p.account}</Table.Td>
              <Table.Td>
                <Money value={p.amount} />
              </Table.Td>
              <Table.Td>
                <Status code={p.status} />
              </Table.Td>
              <Table.Td>{p.reason ? label(p.reason) : p.waitingFor ? `ждёт ${label(p.waitingFor)}` : ''}</Table.Td>
            </Table.Tr>
          ))}
          {page.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>Ничего не найдено</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <PageFooter page={page} onPage={onPage} testId="payments-total" />
    </Stack>
  );
}

/** Find any payment: by id, MegaPay's key, phone, INN or invoice number, period, status or reason; paged and sorted by payment-router. */
export function Payments() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])),
  );
  const searched = FIELDS.some((f) => params.get(f));
  const page = Number(params.get('page') ?? '1');
  const state = useLoad(
    () =>
      searched
        ? api.get<PaymentPage>(
            svc(
              'payment-router',
              `/v1/payments${query({ ...Object.fromEntries(FIELDS.map((f) => [f, params.get(f)])), page, pageSize: 50 })}`,
            ),
          )
        : Promise.resolve(null),
    [params.toString()],
  );
  const set = (field: string) => (value: string | null) => setForm((f) => ({ ...f, [field]: value ?? '' }));
  const search = () => {
    if (form.paymentId && FIELDS.every((f) => f === 'paymentId' || f === 'sort' || !form[f]))
      return navigate(`/payments/${form.paymentId.trim()}`);
    const next = Object.fromEntries(
      Object.entries(form)
        .filter(([, v]) => v)
        .map(([k, v]) => [k, k === 'from' || k === 'to' ? bishkekInputToIso(v) : v.trim()]),
    );
    setParams(next);
  };
  return (
    <Stack>
      <Title order={2}>Платежи</Title>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            search();
          }}
        >
          <SimpleGrid cols={{ base: 1, md: 4 }}>
            <TextInput
              label="ID платежа"
              value={form.paymentId}
              onChange={(e) => set('paymentId')(e.currentTarget.value)}
            />
            <TextInput
              label="Ключ MegaPay (Idempotency-Key)"
              value={form.idempotencyKey}
              onChange={(e) => set('idempotencyKey')(e.currentTarget.value)}
            />
            <TextInput
              label="Телефон"
              placeholder="996555000001"
              value={form.phone}
              onChange={(e) => set('phone')(e.currentTarget.value)}
            />
            <TextInput
              label="ИНН или номер счёта"
              value={form.account}
              onChange={(e) => set('account')(e.currentTarget.value)}
            />
            <Select
              label="Услуга"
              clearable
              data={options(['SOCHI', 'ECP'])}
              value={form.service || null}
              onChange={set('service')}
            />
            <MultiSelect
              label="Статус"
              data={options(PAYMENT_STATUSES)}
              value={form.status ? form.status.split(',') : []}
              onChange={(v) => set('status')(v.join(','))}
            />
            <TextInput
              label="Причина"
              placeholder="INSUFFICIENT_FUNDS"
              value={form.reason}
              onChange={(e) => set('reason')(e.currentTarget.value)}
            />
            <Select label="Порядок" data={SORTS} value={form.sort || '-createdAt'} onChange={set('sort')} />
            <TextInput
              type="datetime-local"
              label="С (Бишкек)"
              value={form.from.length === 16 ? form.from : ''}
              onChange={(e) => set('from')(e.currentTarget.value)}
            />
            <TextInput
              type="datetime-local"
              label="По (Бишкек)"
              value={form.to.length === 16 ? form.to : ''}
              onChange={(e) => set('to')(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit">Найти</Button>
            <Button
              variant="subtle"
              onClick={() => {
                setForm(Object.fromEntries(FIELDS.map((f) => [f, ''])));
                setParams({});
              }}
            >
              Сбросить
            </Button>
          </Group>
        </form>
      </Card>
      {searched && (
        <Loaded state={state}>
          {(found) =>
            found && (
              <PaymentTable
                page={found}
                onPage={(n) =>
                  setParams((p) => {
                    p.set('page', String(n));
                    return p;
                  })
                }
              />
            )
          }
        </Loaded>
      )}
    </Stack>
  );
}
