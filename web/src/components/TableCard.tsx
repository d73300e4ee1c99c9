// A list page body: toolbar (search + actions) above a table, with the loading/error/empty
// states every list needs.
import { ReactNode } from 'react';
import { Card, Empty, Input, Space } from 'antd';
import { useT } from '../i18n';
import { ErrorPanel } from './QueryState';

export function TableCard({
  onSearch,
  searchPlaceholder,
  toolbar,
  error,
  onRetry,
  children,
}: {
  onSearch?: (value: string) => void;
  searchPlaceholder?: string;
  toolbar?: ReactNode;
  error?: unknown;
  onRetry?: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Card className="table-card" styles={{ body: { padding: 0 } }}>
      {(onSearch || toolbar) && (
        <div className="table-toolbar">
          {onSearch ? (
            <Input.Search
              allowClear
              placeholder={searchPlaceholder ?? t('common.search')}
              onSearch={onSearch}
              style={{ maxWidth: 320 }}
              data-testid="search-input"
            />
          ) : (
            <span />
          )}
          <Space wrap>{toolbar}</Space>
        </div>
      )}
      {error ? <ErrorPanel error={error} onRetry={onRetry} /> : children}
    </Card>
  );
}

export function EmptyHint({ text, action }: { text: ReactNode; action?: ReactNode }) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} style={{ padding: '32px 0' }}>
      {action}
    </Empty>
  );
}
