// A code field with syntax highlighting (CodeMirror 6): shell, python or SQL. Controlled:
// `value` in, every change out through onChange.
import { useMemo } from 'react';
import CodeMirror from '@uiw/react-codemirror';
import { StreamLanguage } from '@codemirror/language';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { python } from '@codemirror/lang-python';
import { sql } from '@codemirror/lang-sql';

export type CodeLanguage = 'shell' | 'python' | 'sql';

export function CodeEditor({
  value,
  onChange,
  language,
  testId,
  invalid,
  minHeight = 180,
}: {
  value: string;
  onChange: (value: string) => void;
  language: CodeLanguage;
  testId?: string;
  invalid?: boolean;
  minHeight?: number;
}) {
  const extensions = useMemo(
    () => [language === 'python' ? python() : language === 'sql' ? sql() : StreamLanguage.define(shell)],
    [language],
  );
  return (
    <div className={`editor-code${invalid ? ' editor-code-invalid' : ''}`} data-testid={testId} data-language={language}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        minHeight={`${minHeight}px`}
        maxHeight="480px"
        basicSetup={{ foldGutter: false, highlightActiveLineGutter: true, autocompletion: language === 'sql' }}
      />
    </div>
  );
}
