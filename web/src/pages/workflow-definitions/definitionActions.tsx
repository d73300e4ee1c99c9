// What can be done with a workflow definition, shared by the list and the detail page: run,
// schedule, release online/offline, versions, copy, export, delete, open in the editor. The hook
// owns the dialogs' state and returns them for the page to render.
import { useState } from 'react';
import { App } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { definitionsApi } from '../../api/services';
import type { ProcessDefinition } from '../../api/types';
import { useT } from '../../i18n';
import { downloadText } from '../../lib/format';
import { useAction, useFeedback } from '../../components/feedback';
import { editorCreatePath, editorEditPath } from '../workflow-editor/routes';
import { CopyDialog } from './CopyDialog';
import { RunDialog } from './RunDialog';
import { ScheduleDialog } from './ScheduleDialog';
import { VersionsDialog } from './VersionsDialog';

type DialogKind = 'run' | 'schedule' | 'versions';

export function useDefinitionActions(projectCode: number, onChanged?: () => void) {
  const t = useT();
  const navigate = useNavigate();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const { modal } = App.useApp();
  const [dialog, setDialog] = useState<{ kind: DialogKind; definition: ProcessDefinition } | null>(null);
  const [copyCodes, setCopyCodes] = useState<number[] | null>(null);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['definitions', projectCode] }),
      queryClient.invalidateQueries({ queryKey: ['definition', projectCode] }),
      queryClient.invalidateQueries({ queryKey: ['setup-facts'] }),
    ]);
    onChanged?.();
  };

  const release = useAction({
    run: (d: ProcessDefinition) =>
      definitionsApi.release(projectCode, d.code, d.name, d.releaseState === 'ONLINE' ? 'OFFLINE' : 'ONLINE'),
    success: (_, d) => (d.releaseState === 'ONLINE' ? t('definition.wentOffline', { name: d.name }) : t('definition.wentOnline', { name: d.name })),
    onDone: () => void refresh(),
  });

  const remove = useAction({
    run: (codes: number[]) =>
      codes.length === 1 ? definitionsApi.remove(projectCode, codes[0]) : definitionsApi.batchDelete(projectCode, codes),
    success: t('common.deleted'),
    onDone: () => void refresh(),
  });

  const exportDefinitions = async (codes: number[]) => {
    try {
      const text = await definitionsApi.batchExport(projectCode, codes);
      if (!text) throw new Error(t('definition.exportEmpty'));
      downloadText(`workflow_${Date.now()}.json`, text);
    } catch (error) {
      feedback.fail(error);
    }
  };

  const dialogs = (
    <>
      <RunDialog
        projectCode={projectCode}
        definition={dialog?.kind === 'run' ? dialog.definition : null}
        onClose={() => setDialog(null)}
        onStarted={(ids) => {
          feedback.ok(t('run.started'));
          if (ids.length === 1) navigate(`/projects/${projectCode}/workflow/instances/${ids[0]}`);
          else navigate(`/projects/${projectCode}/workflow/instances?definition=${dialog?.definition.code ?? ''}`);
        }}
      />
      <ScheduleDialog
        projectCode={projectCode}
        definition={dialog?.kind === 'schedule' ? dialog.definition : null}
        onClose={() => setDialog(null)}
      />
      <VersionsDialog
        projectCode={projectCode}
        definition={dialog?.kind === 'versions' ? dialog.definition : null}
        onClose={() => setDialog(null)}
      />
      <CopyDialog
        projectCode={projectCode}
        codes={copyCodes}
        onClose={() => setCopyCodes(null)}
        onCopied={() => {
          feedback.ok(t('copy.done'));
          void refresh();
        }}
      />
    </>
  );

  return {
    dialogs,
    run: (definition: ProcessDefinition) => setDialog({ kind: 'run', definition }),
    schedule: (definition: ProcessDefinition) => setDialog({ kind: 'schedule', definition }),
    versions: (definition: ProcessDefinition) => setDialog({ kind: 'versions', definition }),
    copy: (codes: number[]) => setCopyCodes(codes),
    release: (definition: ProcessDefinition) => release.mutate(definition),
    releasing: release.isPending ? release.variables?.code : undefined,
    remove: (codes: number[]) =>
      modal.confirm({
        title: t('definition.confirmDelete', { count: codes.length }),
        content: t('definition.confirmDeleteText'),
        okType: 'danger',
        okText: t('common.delete'),
        cancelText: t('common.cancel'),
        onOk: () => remove.mutateAsync(codes),
      }),
    exportDefinitions,
    create: () => navigate(editorCreatePath(projectCode)),
    edit: (definition: ProcessDefinition) => navigate(editorEditPath(projectCode, definition.code)),
    instances: (definition: ProcessDefinition) =>
      navigate(`/projects/${projectCode}/workflow/instances?definition=${definition.code}`),
  };
}
