import { Anchor, Button, Card, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, query, svc } from '../api';
import { Loaded, Money, PageFooter, type Paged } from '../parts';
import { useLoad } from '../use-load';

type OrganizationPage = Paged<{ inn: string; name: string; balance: string }>;

/** СОЧИ organizations with their balances; an INN opens the organization. */
export function Organizations() {
  const [inn, setInn] = useState('');
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const state = useLoad(
    () => api.get<OrganizationPage>(svc('sochi-balance', `/v1/sochi/organizations${query({ page, pageSize: 50 })}`)),
    [page],
  );
  return (
    <Stack>
      <Title order={2}>Организации СОЧИ</Title>
      <Card withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (inn.trim()) navigate(`/organizations/${inn.trim()}`);
          }}
        >
          <Group align="end">
            <TextInput label="ИНН" placeholder="14 цифр" value={inn} onChange={(e) => setInn(e.currentTarget.value)} />
            <Button type="submit">Открыть</Button>
          </Group>
        </form>
      </Card>
      <Loaded state={state}>
        {(list) => (
          <Stack>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>ИНН</Table.Th>
                  <Table.Th>Название</Table.Th>
                  <Table.Th>Баланс</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((o) => (
                  <Table.Tr key={o.inn}>
                    <Table.Td>
                      <Anchor component={Link} to={`/organizations/${o.inn}`}>
                        {o.inn}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{o.name}</Table.Td>
                    <Table.Td>
                      <Money value={o.balance} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <PageFooter page={list} onPage={setPage} />
          </Stack>
        )}
      </Loaded>
    </Stack>
  );
}
