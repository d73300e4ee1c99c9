// The visual DAG editor page, mounted on /projects/:pc/workflow/definitions/create (empty canvas)
// and /projects/:pc/workflow/definitions/:code/edit (loads the workflow). A workflow that is
// ONLINE is not opened for editing: the page says so and offers to take it offline first.
import { useMemo } from 'react';
import { Button, Result, Skeleton, Space } from 'antd';
import { ArrowDownOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { Link, useParams } from 'react-router-dom';
import { definitionsApi } from '../../api/services';
import { useAction } from '../../components/feedback';
import { ErrorPanel } from '../../components/QueryState';
import { useProject } from '../projects/ProjectLayout';
import { useEditorText } from './editorText';
import { EditorWorkspace } from './EditorWorkspace';
import { DEFAULT_SETTINGS, EMPTY_GRAPH, graphFromDag } from './model';
import './editor.css';

export function WorkflowEditorPage() {
  const tx = useEditorText();
  const project = useProject();
  const pc = project.code;
  const param = useParams().definitionCode;
  const code = param ? Number(param) : undefined;
  const queryClient = useQueryClient();
  // Loaded once per opening: the editor is the source of truth until it saves.
  const dag = useQuery({
    queryKey: ['editor-definition', pc, code],
    queryFn: () => definitionsApi.get(pc, code!),
    enabled: code !== undefined,
    staleTime: Infinity,
    gcTime: 0,
  });
  const initial = useMemo(() => (dag.data ? graphFromDag(dag.data) : null), [dag.data]);
  const takeOffline = useAction({
    run: () => definitionsApi.release(pc, code!, dag.data?.processDefinition.name ?? '', 'OFFLINE'),
    success: tx('online.tookOffline'),
    onDone: () => {
      void queryClient.invalidateQueries({ queryKey: ['definitions', pc] });
      void queryClient.invalidateQueries({ queryKey: ['definition', pc] });
      void dag.refetch();
    },
  });

  if (code === undefined) {
    return (
      <ReactFlowProvider>
        <EditorWorkspace key="new" projectCode={pc} initialGraph={EMPTY_GRAPH} initialSettings={DEFAULT_SETTINGS} tx={tx} />
      </ReactFlowProvider>
    );
  }
  if (dag.isPending) {
    return (
      <div className="page">
        <Skeleton active paragraph={{ rows: 10 }} />
      </div>
    );
  }
  if (dag.isError) {
    return (
      <div className="page">
        <ErrorPanel error={dag.error} onRetry={() => dag.refetch()} />
      </div>
    );
  }
  const definition = dag.data.processDefinition;
  if (definition.releaseState === 'ONLINE') {
    return (
      <div className="page" data-testid="editor-online">
        <Result
          status="warning"
          title={tx('online.title', { name: definition.name })}
          subTitle={tx('online.text')}
          extra={
            <Space wrap>
              <Button type="primary" icon={<ArrowDownOutlined />} loading={takeOffline.isPending} onClick={() => takeOffline.mutate()} data-testid="editor-take-offline">
                {tx('online.takeOffline')}
              </Button>
              <Link to={`/projects/${pc}/workflow/definitions/${code}`}>
                <Button icon={<EyeOutlined />}>{tx('online.view')}</Button>
              </Link>
            </Space>
          }
        />
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <EditorWorkspace
        key={`${code}-${dag.dataUpdatedAt}`}
        projectCode={pc}
        workflowCode={code}
        version={definition.version}
        initialGraph={initial!.graph}
        initialSettings={initial!.settings}
        tx={tx}
      />
    </ReactFlowProvider>
  );
}
