// Uniform loading / error states for a react-query result: a skeleton while loading, an error
// panel with a retry button on failure, the children once data is there.
import { ReactNode } from 'react';
import { Button, Result, Skeleton } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { useT } from '../i18n';

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Result
      status="warning"
      title={t('common.loadFailed')}
      subTitle={errorMessage(error)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
      data-testid="error-panel"
    />
  );
}

export function QueryState<T>({
  query,
  children,
  rows = 4,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  rows?: number;
}) {
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError) return <ErrorPanel error={query.error} onRetry={() => query.refetch()} />;
  return <>{children(query.data as T)}</>;
}
