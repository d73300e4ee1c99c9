// Paging state for list pages: page number, page size and a search text, with antd Table
// pagination props built from the server's PageInfo.
import { useState } from 'react';
import type { TablePaginationConfig } from 'antd';
import type { PageInfo } from '../api/types';

export function usePaging(initialSize = 10) {
  const [pageNo, setPageNo] = useState(1);
  const [pageSize, setPageSize] = useState(initialSize);
  const [searchVal, setSearchVal] = useState('');
  return {
    pageNo,
    pageSize,
    searchVal,
    search: (value: string) => {
      setSearchVal(value.trim());
      setPageNo(1);
    },
    resetPage: () => setPageNo(1),
    query: { pageNo, pageSize, searchVal: searchVal || undefined },
    pagination: (page: PageInfo<unknown> | undefined): TablePaginationConfig => ({
      current: pageNo,
      pageSize,
      total: page?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => `${total}`,
      onChange: (page, size) => {
        setPageNo(size !== pageSize ? 1 : page);
        setPageSize(size);
      },
    }),
  };
}

export function rowsOf<T>(page: PageInfo<T> | undefined): T[] {
  return page?.totalList ?? [];
}
