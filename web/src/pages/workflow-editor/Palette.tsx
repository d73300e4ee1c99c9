// The task types to drag onto the canvas (or click to add one in the middle of the view).
import { DragEvent } from 'react';
import { Tooltip, Typography } from 'antd';
import { TaskTypeIcon } from '../../components/TaskTypeIcon';
import { PALETTE_MIME } from './EditorCanvas';
import type { TextFn } from './editorText';
import { TASK_TYPES, TaskKind } from './taskTypes';

const KIND_ORDER: TaskKind[] = ['script', 'logic', 'reference', 'integration', 'ml'];

export function Palette({ onAdd, disabled, tx }: { onAdd: (type: string) => void; disabled: boolean; tx: TextFn }) {
  const start = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(PALETTE_MIME, type);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div className="editor-palette" data-testid="editor-palette">
      <Typography.Text type="secondary" className="editor-palette-title">
        {tx('palette.title')}
      </Typography.Text>
      {KIND_ORDER.map((kind) => (
        <div key={kind} className="editor-palette-group">
          <div className="editor-palette-kind">{tx(`kind.${kind}`)}</div>
          {TASK_TYPES.filter((t) => t.kind === kind).map((t) => (
            <Tooltip key={t.type} title={tx(t.hint)} placement="right" mouseEnterDelay={0.5}>
              <div
                className={`editor-palette-item${disabled ? ' disabled' : ''}`}
                draggable={!disabled}
                onDragStart={(e) => start(e, t.type)}
                onDoubleClick={() => !disabled && onAdd(t.type)}
                onKeyDown={(e) => e.key === 'Enter' && !disabled && onAdd(t.type)}
                role="button"
                tabIndex={0}
                data-testid="palette-item"
                data-task-type={t.type}
              >
                <span className="editor-palette-icon">
                  <TaskTypeIcon type={t.type} />
                </span>
                {t.type}
              </div>
            </Tooltip>
          ))}
        </div>
      ))}
      <Typography.Text type="secondary" className="editor-palette-help">
        {tx('palette.help')}
      </Typography.Text>
    </div>
  );
}
