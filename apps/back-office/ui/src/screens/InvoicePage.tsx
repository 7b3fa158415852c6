import {
  Anchor,
  Button,
  Card,
  FileButton,
  Group,
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

interface Invoice {
  number: string;
  status: string;
  amount: string;
  amountDue: string;
  clientName: string;
  inn: string;
  office: string;
  issuedAt: string | null;
  expiresAt: string | null;
  paidAt: string | null;
  paymentId: string | null;
  cancellationReason: string | null;
  product: { code: string; name: string; keyStorage: string };
  registration: { id: string; organizationName: string; signerName: string; phone: string; csrProvided: boolean };
  productionFailure: { code: string; reason: string | null; at: string | null; attempts: number } | null;
  certificate: { serialNumber: string; subject: string; notBefore: string | null; notAfter: string | null } | null;
  history: { status: string; at: string; cause: string }[];
}

/** An invoice with its transitions; cancel and CSR replacement for billing, the certificate for everyone. */
export function InvoicePage() {
  const { number } = useParams();
  const state = useLoad(() => api.get<Invoice>(svc('ecp-invoicing', `/v1/ecp/invoices/${number}`)), [number]);
  const mayCancel = useMay('cancelInvoice');
  const mayReplaceCsr = useMay('replaceCsr');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const act = (p: Promise<unknown>) =>
    p.then(() => {
      setError(null);
      state.reload();
    }, setError);
  const cancel = () => act(api.post(svc('ecp-invoicing', `/v1/ecp/invoices/${number}/cancel`), { reason }));
  const uploadCsr = (file: File | null) =>
    file && file.text().then((csr) => act(api.post(svc('ecp-invoicing', `/v1/ecp/invoices/${number}/csr`), { csr })));
  return (
    <Loaded state={state}>
      {(i) => (
        <Stack>
          <Group>
            <Title order={2}>Счёт {i.number}</Title>
            <span data-testid="invoice-status">
              <Status code={i.status} />
            </span>
          </Group>
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <Text>
                <b>Клиент:</b>{' '}
                <Anchor component={Link} to={`/ecp/registrations/${i.registration.id}`}>
                  {i.clientName}
                </Anchor>
              </Text>
              <Text>
                <b>ИНН:</b> {i.inn}
              </Text>
              <Text>
                <b>Офис:</b> {label(i.office)}
              </Text>
              <Text>
                <b>Продукт:</b> {i.product.name} ({label(i.product.keyStorage)})
              </Text>
              <Text>
                <b>Сумма:</b> <Money value={i.amount} />
              </Text>
              <Text>
                <b>К оплате:</b> <Money value={i.amountDue} />
              </Text>
              <Text>
                <b>Выставлен:</b> <Time value={i.issuedAt} />
              </Text>
              <Text>
                <b>Действует до:</b> <Time value={i.expiresAt} />
              </Text>
              {i.paymentId && (
                <Text>
                  <b>Платёж:</b>{' '}
                  <Anchor component={Link} to={`/payments/${i.paymentId}`}>
                    открыть
                  </Anchor>
                </Text>
              )}
              {i.cancellationReason && (
                <Text>
                  <b>Причина отмены:</b> {i.cancellationReason}
                </Text>
              )}
              {i.productionFailure && (
                <Text c="red">
                  <b>Выпуск не удался:</b> {i.productionFailure.code} {i.productionFailure.reason ?? ''}
                </Text>
              )}
            </SimpleGrid>
          </Card>
          <Card withBorder>
            <Title order={4} mb="sm">
              Переходы
            </Title>
            <Table data-testid="invoice-history">
              <Table.Tbody>
                {i.history.map((h, k) => (
                  <Table.Tr key={k}>
                    <Table.Td>
                      <Time value={h.at} />
                    </Table.Td>
                    <Table.Td>
                      <Status code={h.status} />
                    </Table.Td>
                    <Table.Td>{h.cause}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
          {i.certificate && (
            <Card withBorder>
              <Title order={4} mb="sm">
                Сертификат
              </Title>
              <Text size="sm">
                {i.certificate.subject}, № {i.certificate.serialNumber}, до <Time value={i.certificate.notAfter} />
              </Text>
              <Button
                mt="sm"
                component="a"
                href={svc('ecp-invoicing', `/v1/ecp/invoices/${i.number}/certificate`)}
                download={`${i.number}.pem`}
              >
                Скачать сертификат (PEM)
              </Button>
            </Card>
          )}
          {mayCancel && i.status === 'ISSUED' && (
            <Card withBorder>
              <Title order={4} mb="sm">
                Отменить счёт
              </Title>
              <Textarea label="Причина" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
              <Button mt="sm" color="red" disabled={!reason.trim()} onClick={cancel}>
                Отменить счёт
              </Button>
            </Card>
          )}
          {mayReplaceCsr && i.status === 'PRODUCTION_FAILED' && i.product.keyStorage === 'TOKEN' && (
            <Card withBorder>
              <Title order={4} mb="sm">
                Заменить запрос на сертификат (CSR)
              </Title>
              <FileButton onChange={uploadCsr} accept=".csr,.pem,.req,text/plain">
                {(props) => <Button {...props}>Загрузить файл CSR</Button>}
              </FileButton>
            </Card>
          )}
          {error ? <Problem error={error} title="Действие не выполнено" /> : null}
        </Stack>
      )}
    </Loaded>
  );
}
