// Copy workflows into a project (the same or another); copies get new codes and start OFFLINE.
import { Form, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { definitionsApi, projectsApi } from '../../api/services';
import { useT } from '../../i18n';
import { FormModal } from '../../components/FormModal';
import { rowsOf } from '../../components/paging';

export function CopyDialog({
  projectCode,
  codes,
  onClose,
  onCopied,
}: {
  projectCode: number;
  codes: number[] | null;
  onClose: () => void;
  onCopied: () => void;
}) {
  const t = useT();
  const projects = useQuery({
    queryKey: ['projects-for-copy'],
    queryFn: () => projectsApi.page({ pageNo: 1, pageSize: 1000 }),
    enabled: !!codes,
  });
  return (
    <FormModal<{ targetProjectCode: number }>
      open={!!codes}
      title={t('copy.title', { count: codes?.length ?? 0 })}
      okText={t('copy.submit')}
      initialValues={{ targetProjectCode: projectCode }}
      onClose={onClose}
      onSubmit={async ({ targetProjectCode }) => {
        await definitionsApi.batchCopy(projectCode, codes ?? [], targetProjectCode);
        onCopied();
      }}
    >
      <Form.Item name="targetProjectCode" label={t('copy.target')} rules={[{ required: true, message: t('common.required') }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={projects.isPending}
          options={rowsOf(projects.data).map((p) => ({ value: p.code, label: p.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}
