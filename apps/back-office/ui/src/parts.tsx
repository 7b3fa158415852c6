import { Alert, Badge, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiProblem } from './api';
import { bishkekTime, som } from './format';
import { label } from './labels';

export function Money({ value }: { value: string | null | undefined }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{som(value)}</span>;
}

export function Time({ value }: { value: string | null | undefined }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{bishkekTime(value)}</span>;
}

const COLORS: Record<string, string> = {
  COMPLETED: 'green',
  PAID: 'green',
  SIGNATURE_PRODUCED: 'green',
  REJECTED: 'red',
  PRODUCTION_FAILED: 'red',
  REFUNDED: 'orange',
  CANCELLED: 'gray',
  EXPIRED: 'gray',
  PENDING: 'blue',
  ISSUED: 'blue',
  AWAITING_PAYMENT: 'yellow',
};

export function Status({ code }: { code: string | null | undefined }) {
  return (
    <Badge color={COLORS[code ?? ''] ?? 'blue'} variant="light">
      {label(code)}
    </Badge>
  );
}

/** What went wrong, in words, with the service's code for whoever reads the logs. */
export function Problem({ error, title = 'Не удалось загрузить' }: { error: unknown; title?: string }) {
  const forbidden = error instanceof ApiProblem && error.status === 403;
  const missing = error instanceof ApiProblem && error.status === 404;
  return (
    <Alert color={forbidden ? 'orange' : 'red'} title={forbidden ? 'Недостаточно прав' : missing ? 'Не найдено' : title} data-testid="problem">
      <Text size="sm">{(error as Error).message}</Text>
      {error instanceof ApiProblem && <Text size="xs" c="dimmed">{error.code}</Text>}
    </Alert>
  );
}

/** A screen's loading state, its problem, or its content. */
export function Loaded<T>({ state, children }: { state: { data?: T; error?: unknown; loading: boolean }; children: (data: T) => ReactNode }) {
  if (state.error) return <Problem error={state.error} />;
  if (state.data === undefined) return <Loader size="sm" />;
  return <>{children(state.data)}</>;
}
