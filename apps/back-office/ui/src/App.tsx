import { AppShell, Badge, Button, Group, Loader, NavLink, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { ROLE_LABELS, SCREENS, type StaffRole } from '../../src/domain/staff-permissions';
import { api, onSignedOut } from './api';
import { SessionContext, type SignedIn } from './session';
import { Ecp } from './screens/Ecp';
import { Home } from './screens/Home';
import { InvoicePage } from './screens/InvoicePage';
import { OrganizationPage } from './screens/OrganizationPage';
import { Organizations } from './screens/Organizations';
import { PaymentPage } from './screens/PaymentPage';
import { Payments } from './screens/Payments';
import { Reconciliation } from './screens/Reconciliation';
import { ReconciliationDay } from './screens/ReconciliationDay';
import { RegistrationPage } from './screens/RegistrationPage';
import { SignIn, type SignInOptions } from './screens/SignIn';
import { Trouble } from './screens/Trouble';

interface SessionAnswer {
  staff: SignedIn | null;
  signIn: SignInOptions;
}

export function App() {
  const [session, setSession] = useState<SessionAnswer | null>(null);
  const refresh = useCallback(() => api.get<SessionAnswer>('/api/session').then(setSession), []);
  useEffect(() => {
    void refresh();
    return onSignedOut(() => void refresh());
  }, [refresh]);
  const location = useLocation();

  if (!session) return <Loader m="xl" />;
  if (!session.staff) return <SignIn options={session.signIn} onSignedIn={refresh} />;
  const staff = session.staff;
  const signOut = () => api.delete('/api/session').then(refresh);

  return (
    <SessionContext.Provider value={staff}>
      <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={4}>Dos Tek · бэк-офис платежей</Title>
            <Group gap="xs">
              <Text size="sm" data-testid="staff-name">
                {staff.name ?? staff.subject}
              </Text>
              {staff.roles.map((r) => (
                <Badge key={r} variant="outline" data-testid="staff-role">
                  {ROLE_LABELS[r as StaffRole] ?? r}
                </Badge>
              ))}
              <Button size="xs" variant="subtle" onClick={signOut}>
                Выйти
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          {SCREENS.map((s) => (
            <NavLink
              key={s.path}
              component={Link}
              to={s.path}
              label={s.title}
              active={s.path === '/' ? location.pathname === '/' : location.pathname.startsWith(s.path)}
            />
          ))}
        </AppShell.Navbar>
        <AppShell.Main>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/payments" element={<Payments />} />
            <Route path="/payments/:id" element={<PaymentPage />} />
            <Route path="/organizations" element={<Organizations />} />
            <Route path="/organizations/:inn" element={<OrganizationPage />} />
            <Route path="/ecp" element={<Ecp />} />
            <Route path="/ecp/invoices/:number" element={<InvoicePage />} />
            <Route path="/ecp/registrations/:id" element={<RegistrationPage />} />
            <Route path="/trouble" element={<Trouble />} />
            <Route path="/reconciliation" element={<Reconciliation />} />
            <Route path="/reconciliation/:date" element={<ReconciliationDay />} />
            <Route path="*" element={<Text>Нет такой страницы</Text>} />
          </Routes>
        </AppShell.Main>
      </AppShell>
    </SessionContext.Provider>
  );
}
