import { Alert, Badge, Group, Loader, Pagination, Text } from '@mantine/core';
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
    <Alert
      color={forbidden ? 'orange' : 'red'}
      title={forbidden ? 'Недостаточно прав' : missing ? 'Не найдено' : title}
      data-testid="problem"
    >
      <Text size="sm">{(error as Error).message}</Text>
      {error instanceof ApiProblem && (
        <Text size="xs" c="dimmed">
          {error.code}
        </Text>
      )}
    </Alert>
  );
}

/** A screen's loading state, its problem, or its content. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data?: T; error?: unknown; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <Problem error={state.error} />;
  if (state.data === undefined) return <Loader size="sm" />;
  return <>{children(state.data)}</>;
}

/** A page of a list the service pages: its items, which page, how many a page, how many in all. */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** Under a paged list: how many there are, and the pages when there are more than one. */
export function PageFooter({
  page,
  onPage,
  testId,
}: {
  page: Omit<Paged<unknown>, 'items'>;
  onPage?: (n: number) => void;
  testId?: string;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-testid={testId}>
        Найдено: {page.total}
      </Text>
      {onPage && page.total > page.pageSize && (
        <Pagination total={Math.ceil(page.total / page.pageSize)} value={page.page} onChange={onPage} />
      )}
    </Group>
  );
}
