// Form building blocks of the task and settings forms: a labelled field with its validation
// message, and the context every task-params form receives.
import { ReactNode } from 'react';
import { Form } from 'antd';
import type { Params } from '../../../lib/taskParams';
import type { EditorGraph, EditorTask } from '../model';
import type { TextFn } from '../editorText';
import type { FieldErrors } from '../validation';

export function Field({
  label,
  error,
  required,
  extra,
  children,
  testId,
}: {
  label: ReactNode;
  error?: string;
  required?: boolean;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Form.Item
      label={label}
      required={required}
      validateStatus={error ? 'error' : undefined}
      help={error ? <span data-testid={testId ? `${testId}-error` : 'field-error'}>{error}</span> : undefined}
      extra={extra}
    >
      {children}
    </Form.Item>
  );
}

export interface ParamsFormProps {
  task: EditorTask;
  params: Params;
  setParams: (patch: Params) => void;
  errors: FieldErrors;
  graph: EditorGraph;
  projectCode: number;
  workflowCode?: number;
  tx: TextFn;
}

export const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
export const list = <T = Params,>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
