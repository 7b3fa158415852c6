import { Anchor, Button, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, svc } from '../api';
import { label } from '../labels';
import { Loaded, Money, Problem, Status, Time } from '../parts';
import { useMay } from '../session';
import { useLoad } from '../use-load';

interface Registration {
  id: string;
  office: string;
  organizationName: string;
  inn: string;
  signerName: string;
  signerRole: string;
  phone: string;
  product: { code: string; name: string; keyStorage: string };
  createdAt: string | null;
  invoices: { number: string; status: string; amount: string; issuedAt: string | null; paidAt: string | null }[];
}

/** A registration with every invoice; billing may issue a new invoice once the last expired or was cancelled. */
export function RegistrationPage() {
  const { id } = useParams();
  const state = useLoad(() => api.get<Registration>(svc('ecp-invoicing', `/v1/ecp/registrations/${id}`)), [id]);
  const mayReissue = useMay('reissueInvoice');
  const [error, setError] = useState<unknown>(null);
  const reissue = () =>
    api.post(svc('ecp-invoicing', `/v1/ecp/registrations/${id}/invoices`)).then(() => state.reload(), setError);
  return (
    <Loaded state={state}>
      {(r) => {
        const last = r.invoices.at(-1);
        return (
          <Stack>
            <Title order={2}>{r.organizationName}</Title>
            <Card withBorder>
              <SimpleGrid cols={3}>
                <Text>
                  <b>ИНН:</b> {r.inn}
                </Text>
                <Text>
                  <b>Офис:</b> {label(r.office)}
                </Text>
                <Text>
                  <b>Подписант:</b> {r.signerName}, {r.signerRole}
                </Text>
                <Text>
                  <b>Телефон:</b> {r.phone}
                </Text>
                <Text>
                  <b>Продукт:</b> {r.product.name}
                </Text>
                <Text>
                  <b>Создана:</b> <Time value={r.createdAt} />
                </Text>
              </SimpleGrid>
            </Card>
            <Card withBorder>
              <Title order={4} mb="sm">
                Счета
              </Title>
              <Table data-testid="registration-invoices">
                <Table.Tbody>
                  {r.invoices.map((i) => (
                    <Table.Tr key={i.number}>
                      <Table.Td>
                        <Anchor component={Link} to={`/ecp/invoices/${i.number}`}>
                          {i.number}
                        </Anchor>
                      </Table.Td>
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
              {mayReissue && last && (last.status === 'EXPIRED' || last.status === 'CANCELLED') && (
                <Button mt="sm" onClick={reissue}>
                  Выставить новый счёт
                </Button>
              )}
            </Card>
            {error ? <Problem error={error} title="Счёт не выставлен" /> : null}
          </Stack>
        );
      }}
    </Loaded>
  );
}
