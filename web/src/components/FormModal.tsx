// A modal holding a form: validates, calls onSubmit, keeps the dialog open and shows the server's
// message inside it when the call fails, closes on success.
import { ReactNode, useEffect, useState } from 'react';
import { Alert, Form, FormInstance, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { errorMessage } from '../api/client';
import { useT } from '../i18n';

export function FormModal<V extends object>({
  open,
  title,
  initialValues,
  onSubmit,
  onClose,
  children,
  width = 560,
  okText,
  testId,
  form: externalForm,
}: {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<V>;
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  children: ReactNode;
  width?: number;
  okText?: string;
  testId?: string;
  form?: FormInstance<V>;
}) {
  const t = useT();
  const [ownForm] = Form.useForm<V>();
  const form = externalForm ?? ownForm;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initialValues) form.setFieldsValue(initialValues as never);
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
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
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      width={width}
      destroyOnHidden
      forceRender
      okButtonProps={{ 'data-testid': 'modal-ok' } as ButtonProps}
    >
      <div data-testid={testId}>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Form form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
          {children}
        </Form>
      </div>
    </Modal>
  );
}
