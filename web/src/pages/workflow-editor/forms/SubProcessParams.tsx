// SUB_PROCESS: the workflow of this project to run as a child (not the one being edited).
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { toCodes } from '../../../lib/taskParams';
import { editorApi } from '../editorApi';
import { Field, ParamsFormProps } from './Field';

export function SubProcessParams({ params, setParams, errors, projectCode, workflowCode, tx }: ParamsFormProps) {
  const workflows = useQuery({ queryKey: ['editor-simple-list', projectCode], queryFn: () => editorApi.simpleList(projectCode) });
  const value = toCodes(params.processDefinitionCode)[0];
  const options = (workflows.data ?? [])
    .filter((w) => Number(w.code) !== workflowCode)
    .map((w) => ({ value: Number(w.code), label: w.name }));
  return (
    <Field
      label={tx('subProcess.workflow')}
      required
      testId="sub-process-workflow"
      error={errors.processDefinitionCode ?? (workflows.isError ? tx('picker.loadFailed') : undefined)}
      extra={value ? <Link to={`/projects/${projectCode}/workflow/definitions/${value}`} target="_blank">{tx('subProcess.open')}</Link> : tx('subProcess.hint')}
    >
      <Select
        value={value || undefined}
        onChange={(code) => setParams({ processDefinitionCode: code ?? null })}
        options={options}
        loading={workflows.isPending}
        showSearch
        optionFilterProp="label"
        placeholder={tx('picker.workflow')}
        status={errors.processDefinitionCode ? 'error' : undefined}
        notFoundContent={tx('subProcess.none')}
        data-testid="sub-process-workflow"
      />
    </Field>
  );
}
