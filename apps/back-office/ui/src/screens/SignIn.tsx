import { Button, Card, Center, Checkbox, Divider, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABELS, STAFF_ROLES } from '../../../src/domain/staff-permissions';
import { api } from '../api';
import { Problem } from '../parts';

export interface SignInOptions {
  development: boolean;
  oidc: boolean;
}

/** Sign-in: at the staff identity provider, and outside production a development sign-in with any name and roles. */
export function SignIn({ options, onSignedIn }: { options: SignInOptions; onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(['billing']);
  const [error, setError] = useState<unknown>(null);
  const signIn = () => api.post('/api/session/development', { name, roles }).then(onSignedIn, setError);
  return (
    <Center mih="100vh">
      <Card withBorder shadow="sm" w={420} p="xl">
        <Stack>
          <Title order={3}>Вход в бэк-офис</Title>
          {options.oidc && (
            <Button component="a" href="/api/session/oidc/start">
              Войти через Dos Tek ID
            </Button>
          )}
          {options.oidc && options.development && <Divider label="или" />}
          {options.development && (
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                Вход для разработки: токен выпускает локальный издатель (в production отключён).
              </Text>
              <TextInput
                label="Имя"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                placeholder="Айгуль Токтогулова"
              />
              <Checkbox.Group label="Роли" value={roles} onChange={setRoles}>
                <Stack gap={4} mt={4}>
                  {STAFF_ROLES.map((r) => (
                    <Checkbox key={r} value={r} label={`${ROLE_LABELS[r]} (${r})`} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Button onClick={signIn} disabled={!name.trim() || roles.length === 0}>
                Войти
              </Button>
            </Stack>
          )}
          {!options.oidc && !options.development && (
            <Text>Вход не настроен: задайте OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_REDIRECT_URL.</Text>
          )}
          {error ? <Problem error={error} title="Вход не удался" /> : null}
        </Stack>
      </Card>
    </Center>
  );
}
