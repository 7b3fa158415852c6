import { Anchor, Button, Card, Group, Modal, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, query, svc } from '../api';
import { INVOICE_STATUSES, label, OFFICES, options } from '../labels';
import { Loaded, Money, PageFooter, Problem, Status, Time, type Paged } from '../parts';
import { useMay } from '../session';
import { useLoad } from '../use-load';

interface InvoiceRow {
  number: string;
  status: string;
  amount: string;
  clientName: string;
  office: string;
  issuedAt: string;
  paymentId: string | null;
}
interface RegistrationRow {
  id: string;
  office: string;
  organizationName: string;
  inn: string;
  productCode: string;
  createdAt: string;
  latestInvoice: { number: string; status: string } | null;
}
interface Product {
  code: string;
  name: string;
  keyStorage: string;
  price: string;
  validityMonths: number;
  updatedAt: string;
}

/** An ЭЦП list (invoices or registrations) by status and office, paged by ecp-invoicing. */
function FilteredList<T>({ path, children }: { path: string; children: (items: T[]) => ReactNode }) {
  const [filter, setFilter] = useState<{ status: string | null; office: string | null; page: number }>({
    status: null,
    office: null,
    page: 1,
  });
  const state = useLoad(
    () => api.get<Paged<T>>(svc('ecp-invoicing', `${path}${query({ ...filter, pageSize: 50 })}`)),
    [path, filter.status, filter.office, filter.page],
  );
  return (
    <Stack>
      <Group>
        <Select
          label="Статус"
          clearable
          data={options(INVOICE_STATUSES)}
          value={filter.status}
          onChange={(status) => setFilter((f) => ({ ...f, status, page: 1 }))}
        />
        <Select
          label="Офис"
          clearable
          data={options(OFFICES)}
          value={filter.office}
          onChange={(office) => setFilter((f) => ({ ...f, office, page: 1 }))}
        />
      </Group>
      <Loaded state={state}>
        {(list) => (
          <Stack>
            {children(list.items)}
            <PageFooter page={list} onPage={(page) => setFilter((f) => ({ ...f, page }))} />
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}

function Invoices() {
  return (
    <FilteredList<InvoiceRow> path="/v1/ecp/invoices">
      {(items) => (
        <Table striped data-testid="invoices-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Номер</Table.Th>
              <Table.Th>Клиент</Table.Th>
              <Table.Th>Офис</Table.Th>
              <Table.Th>Сумма</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Выставлен</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.number}>
                <Table.Td>
                  <Anchor component={Link} to={`/ecp/invoices/${i.number}`}>
                    {i.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{i.clientName}</Table.Td>
                <Table.Td>{label(i.office)}</Table.Td>
                <Table.Td>
                  <Money value={i.amount} />
                </Table.Td>
                <Table.Td>
                  <Status code={i.status} />
                </Table.Td>
                <Table.Td>
                  <Time value={i.issuedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </FilteredList>
  );
}

function Registrations() {
  return (
    <FilteredList<RegistrationRow> path="/v1/ecp/registrations">
      {(items) => (
        <Table striped data-testid="registrations-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              <Table.Th>ИНН</Table.Th>
              <Table.Th>Офис</Table.Th>
              <Table.Th>Продукт</Table.Th>
              <Table.Th>Последний счёт</Table.Th>
              <Table.Th>Создана</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/ecp/registrations/${r.id}`}>
                    {r.organizationName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.inn}</Table.Td>
                <Table.Td>{label(r.office)}</Table.Td>
                <Table.Td>{r.productCode}</Table.Td>
                <Table.Td>{r.latestInvoice ? <Status code={r.latestInvoice.status} /> : null}</Table.Td>
                <Table.Td>
                  <Time value={r.createdAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </FilteredList>
  );
}

function PriceHistory({ code }: { code: string }) {
  const state = useLoad(
    () =>
      api.get<{ items: { price: string; from: string | null; setBy: string | null; setByName: string | null }[] }>(
        svc('ecp-invoicing', `/v1/ecp/products/${code}/prices`),
      ),
    [code],
  );
  return (
    <Loaded state={state}>
      {(h) => (
        <Table data-testid="price-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Цена</Table.Th>
              <Table.Th>С</Table.Th>
              <Table.Th>Кто установил</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {h.items.map((p, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  <Money value={p.price} />
                </Table.Td>
                <Table.Td>{p.from ? <Time value={p.from} /> : 'с начала'}</Table.Td>
                <Table.Td>{p.setByName ?? p.setBy ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Loaded>
  );
}

function Products() {
  const state = useLoad(() => api.get<{ items: Product[] }>(svc('ecp-invoicing', '/v1/ecp/products')), []);
  const mayPrice = useMay('changePrice');
  const [editing, setEditing] = useState<Product | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [price, setPrice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const save = () =>
    api
      .put(svc('ecp-invoicing', `/v1/ecp/products/${editing!.code}`), { price: price.trim().replace(',', '.') })
      .then(() => {
        setEditing(null);
        state.reload();
      }, setError);
  return (
    <Loaded state={state}>
      {(list) => (
        <>
          <Table striped data-testid="products-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Код</Table.Th>
                <Table.Th>Продукт</Table.Th>
                <Table.Th>Ключ</Table.Th>
                <Table.Th>Срок, мес.</Table.Th>
                <Table.Th>Цена</Table.Th>
                <Table.Th>Изменена</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((p) => (
                <Table.Tr key={p.code}>
                  <Table.Td>{p.code}</Table.Td>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>{label(p.keyStorage)}</Table.Td>
                  <Table.Td>{p.validityMonths}</Table.Td>
                  <Table.Td>
                    <Money value={p.price} />
                  </Table.Td>
                  <Table.Td>
                    <Time value={p.updatedAt} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Button size="xs" variant="subtle" onClick={() => setHistory(p.code)}>
                        История
                      </Button>
                      {mayPrice && (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => {
                            setEditing(p);
                            setPrice(p.price);
                            setError(null);
                          }}
                        >
                          Изменить цену
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Modal opened={editing !== null} onClose={() => setEditing(null)} title={`Цена: ${editing?.name ?? ''}`}>
            <Stack>
              <Text size="sm">Новая цена действует для счетов, выставленных с этой минуты.</Text>
              <TextInput label="Цена, сом" value={price} onChange={(e) => setPrice(e.currentTarget.value)} />
              {error ? <Problem error={error} title="Цена не изменена" /> : null}
              <Button onClick={save}>Сохранить</Button>
            </Stack>
          </Modal>
          <Modal opened={history !== null} onClose={() => setHistory(null)} title={`История цен ${history ?? ''}`}>
            {history && <PriceHistory code={history} />}
          </Modal>
        </>
      )}
    </Loaded>
  );
}

/** ЭЦП: invoices and registrations by status and office, products and prices. */
export function Ecp() {
  const [params, setParams] = useSearchParams();
  const [number, setNumber] = useState('');
  const navigate = useNavigate();
  return (
    <Stack>
      <Title order={2}>ЭЦП</Title>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (number.trim()) navigate(`/ecp/invoices/${number.trim()}`);
          }}
        >
          <Group align="end">
            <TextInput
              label="Номер счёта"
              placeholder="16 цифр"
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
            />
            <Button type="submit">Открыть счёт</Button>
          </Group>
        </form>
      </Card>
      <Tabs
        value={params.get('tab') ?? 'invoices'}
        onChange={(tab) => setParams({ tab: tab ?? 'invoices' })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="invoices">Счета</Tabs.Tab>
          <Tabs.Tab value="registrations">Регистрации</Tabs.Tab>
          <Tabs.Tab value="products">Продукты и цены</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="invoices" pt="md">
          <Invoices />
        </Tabs.Panel>
        <Tabs.Panel value="registrations" pt="md">
          <Registrations />
        </Tabs.Panel>
        <Tabs.Panel value="products" pt="md">
          <Products />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
