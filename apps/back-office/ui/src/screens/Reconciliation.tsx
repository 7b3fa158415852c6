import { Anchor, Badge, Button, Card, FileButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, query, svc } from '../api';
import { bishkekToday } from '../format';
import { Loaded, Problem, Time } from '../parts';
import { useMay } from '../session';
import { useLoad } from '../use-load';

export interface DayCounts {
  matched: number;
  missingOnOurSide: number;
  missingOnTheirs: number;
  amountDiffers: number;
  statusDiffers: number;
  detailsDiffer: number;
}
interface DaySummary {
  date: string;
  comparedAt: string;
  counts: DayCounts;
  unresolved: number;
}

const daysBefore = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** Daily reconciliation with MegaPay: the days compared (flagged while a difference is unresolved), the system's register, an upload. */
export function Reconciliation() {
  const today = bishkekToday();
  const [date, setDate] = useState(daysBefore(today, 1));
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();
  const mayReconcile = useMay('reconcileDay');
  const state = useLoad(
    () =>
      api.get<DaySummary[]>(
        svc('payment-router', `/v1/reconciliation/days${query({ from: daysBefore(today, 60), to: today })}`),
      ),
    [today],
  );
  const upload = (file: File | null) =>
    file &&
    file
      .text()
      .then((megapayRegister) =>
        api.post(svc('payment-router', `/v1/reconciliation/days/${date}`), { megapayRegister }),
      )
      .then(() => navigate(`/reconciliation/${date}`), setError);
  return (
    <Stack>
      <Title order={2}>Сверка с MegaPay</Title>
      <Card withBorder>
        <Group align="end">
          <TextInput type="date" label="День (Бишкек)" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <Button
            component="a"
            variant="light"
            href={svc('payment-router', `/v1/reconciliation/days/${date}/register`)}
            download={`register-${date}.csv`}
          >
            Наш реестр (CSV)
          </Button>
          {mayReconcile && (
            <FileButton onChange={upload} accept=".csv,text/csv">
              {(props) => (
                <Button {...props} data-testid="upload-register">
                  Загрузить реестр MegaPay
                </Button>
              )}
            </FileButton>
          )}
          <Button variant="subtle" onClick={() => navigate(`/reconciliation/${date}`)}>
            Открыть результат
          </Button>
        </Group>
        {error ? <Problem error={error} title="Реестр не принят" /> : null}
      </Card>
      <Loaded state={state}>
        {(answer) => {
          const days = answer;
          return (
            <Table striped data-testid="reconciliation-days">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>День</Table.Th>
                  <Table.Th>Сверено</Table.Th>
                  <Table.Th>Совпали</Table.Th>
                  <Table.Th>Расхождений</Table.Th>
                  <Table.Th>Не разобрано</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {days.map((d) => (
                  <Table.Tr key={d.date}>
                    <Table.Td>
                      <Anchor component={Link} to={`/reconciliation/${d.date}`}>
                        {d.date.split('-').reverse().join('.')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Time value={d.comparedAt} />
                    </Table.Td>
                    <Table.Td>{d.counts.matched}</Table.Td>
                    <Table.Td>
                      {d.counts.missingOnOurSide +
                        d.counts.missingOnTheirs +
                        d.counts.amountDiffers +
                        d.counts.statusDiffers +
                        d.counts.detailsDiffer}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={d.unresolved > 0 ? 'red' : 'green'} data-testid="unresolved">
                        {d.unresolved}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
                {days.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text>Сверок ещё не было</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          );
        }}
      </Loaded>
    </Stack>
  );
}
