// Import workflows from a file: DolphinScheduler's export JSON (an array of
// {processDefinition, processTaskRelationList, taskDefinitionList, schedule}) or a
// pydolphinscheduler YAML file. JSON files are checked in the browser first so obvious mistakes
// get a precise message; the server does the real validation and assigns new codes.
import { useState } from 'react';
import { Alert, List, Modal, Typography, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/client';
import { definitionsApi } from '../../api/services';
import { useT } from '../../i18n';

export interface ImportPreview {
  kind: 'json' | 'yaml';
  workflows: string[];
  problem?: string;
}

/** Reads a DolphinScheduler export document far enough to list its workflows or name its problem. */
export function previewImport(fileName: string, text: string): ImportPreview {
  if (/\.ya?ml$/i.test(fileName)) {
    const names = [...text.matchAll(/^\s*name:\s*["']?([^"'\n#]+)["']?/gm)].slice(0, 1).map((m) => m[1].trim());
    return /^\s*workflow\s*:/m.test(text)
      ? { kind: 'yaml', workflows: names }
      : { kind: 'yaml', workflows: [], problem: 'This YAML file has no "workflow:" section.' };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { kind: 'json', workflows: [], problem: `The file is not valid JSON: ${(error as Error).message}` };
  }
  const items = Array.isArray(doc) ? doc : [doc];
  const workflows: string[] = [];
  for (const [index, item] of items.entries()) {
    const entry = item as Record<string, unknown> | null;
    const definition = (entry?.processDefinition ?? entry?.workflowDefinition) as Record<string, unknown> | undefined;
    if (!definition) return { kind: 'json', workflows, problem: `Entry ${index + 1} has no "processDefinition".` };
    const tasks = entry?.taskDefinitionList;
    if (!Array.isArray(tasks) || tasks.length === 0) {
      return { kind: 'json', workflows, problem: `Workflow "${definition.name ?? index + 1}" has no tasks ("taskDefinitionList").` };
    }
    workflows.push(`${definition.name ?? '(unnamed)'} · ${tasks.length} task${tasks.length === 1 ? '' : 's'}`);
  }
  if (!workflows.length) return { kind: 'json', workflows, problem: 'The file contains no workflow.' };
  return { kind: 'json', workflows };
}

export function ImportDialog({
  projectCode,
  open,
  onClose,
  onImported,
}: {
  projectCode: number;
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setError(null);
  };

  const choose = async (chosen: File) => {
    setError(null);
    setFile(chosen);
    setPreview(previewImport(chosen.name, await chosen.text()));
    return false;
  };

  const submit = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await definitionsApi.importFile(projectCode, file);
      reset();
      onImported();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={() => {
        reset();
        onClose();
      }}
      onOk={submit}
      okText={t('import.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !file || !!preview?.problem, 'data-testid': 'import-submit' } as ButtonProps}
      confirmLoading={busy}
      width={600}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".json,.yaml,.yml,application/json"
        multiple={false}
        showUploadList={false}
        beforeUpload={choose}
        data-testid="import-dropzone"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.formats')}</p>
      </Upload.Dragger>
      {preview && !preview.problem && preview.workflows.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 12 }}
          header={<strong>{t('import.contains')}</strong>}
          dataSource={preview.workflows}
          renderItem={(item) => <List.Item>{item}</List.Item>}
          data-testid="import-preview"
        />
      )}
      {preview?.problem && <Alert type="error" showIcon message={preview.problem} style={{ marginTop: 12 }} />}
      {error && <Alert type="error" showIcon message={t('import.failed')} description={error} style={{ marginTop: 12 }} data-testid="import-error" />}
    </Modal>
  );
}
