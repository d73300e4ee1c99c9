// SHELL and PYTHON: the script, with syntax highlighting. OUT parameters are set by printing
// ${setValue(name=value)} (shown as a hint).
import { Typography } from 'antd';
import { CodeEditor } from '../CodeEditor';
import { Field, ParamsFormProps, str } from './Field';

export function ScriptParams({ task, params, setParams, errors, tx }: ParamsFormProps) {
  const python = task.taskType === 'PYTHON';
  return (
    <Field
      label={tx('params.script')}
      required
      error={errors.rawScript}
      testId="raw-script"
      extra={<Typography.Text type="secondary">{python ? tx('params.scriptHintPython') : tx('params.scriptHintShell')}</Typography.Text>}
    >
      <CodeEditor
        value={str(params.rawScript)}
        onChange={(rawScript) => setParams({ rawScript })}
        language={python ? 'python' : 'shell'}
        testId="raw-script"
        invalid={!!errors.rawScript}
      />
    </Field>
  );
}
