// A task instance's log in a drawer. It reads the log page by page (ds-api §3.11), keeps asking
// while the task runs so new lines appear live, scrolls along when "follow" is on, and stops once
// the task has finished and the log is exhausted. The download link relies on the sessionId
// cookie, like DolphinScheduler's own download.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Drawer, Space, Switch, Tooltip, Typography } from 'antd';
import { DownloadOutlined, LoadingOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ApiError, apiUrl, errorMessage, SessionExpiredError } from '../api/client';
import { instancesApi, logsApi } from '../api/services';
import type { TaskInstance } from '../api/types';
import { applyLogChunk, initialCursor, LOG_PAGE, LogCursor } from '../lib/logFollow';
import { isTaskFinished } from '../lib/states';
import { useT } from '../i18n';
import { StateTag } from './StateTag';

const WAIT_MS = 1200;
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function useTaskState(projectCode: number, task: TaskInstance | null) {
  const query = useQuery({
    queryKey: ['instance-tasks', projectCode, task?.processInstanceId],
    queryFn: () => instancesApi.tasks(projectCode, task!.processInstanceId),
    enabled: !!task,
    refetchInterval: (q) => {
      const current = q.state.data?.taskList.find((ti) => ti.id === task?.id);
      return current && isTaskFinished(current.state) ? false : 2000;
    },
  });
  const current = query.data?.taskList.find((ti) => ti.id === task?.id);
  return current?.state ?? task?.state ?? null;
}

function useLogFollower(taskInstanceId: number | null, finished: boolean, generation: number) {
  const [cursor, setCursor] = useState<LogCursor>(initialCursor);
  const [error, setError] = useState<string | null>(null);
  const finishedRef = useRef(finished);
  finishedRef.current = finished;

  useEffect(() => {
    if (!taskInstanceId) return;
    const controller = new AbortController();
    let local = initialCursor();
    setCursor(local);
    setError(null);
    (async () => {
      while (!controller.signal.aborted) {
        const finishedBeforeRead = finishedRef.current;
        try {
          const chunk = await logsApi.detail(taskInstanceId, local.skipLineNum, LOG_PAGE, controller.signal);
          if (controller.signal.aborted) return;
          const step = applyLogChunk(local, chunk, finishedBeforeRead);
          local = step.cursor;
          setCursor(local);
          setError(null);
          if (step.next === 'stop') return;
          if (step.next === 'wait') await sleep(WAIT_MS, controller.signal);
        } catch (err) {
          if (controller.signal.aborted || err instanceof SessionExpiredError) return;
          // 10191: the task has no host yet (not started); keep waiting unless it has finished.
          if (err instanceof ApiError && err.code === 10191 && !finishedBeforeRead) {
            await sleep(WAIT_MS, controller.signal);
            continue;
          }
          setError(errorMessage(err));
          return;
        }
      }
    })();
    return () => controller.abort();
  }, [taskInstanceId, generation]);

  return { cursor, error };
}

export function LogViewer({
  projectCode,
  task,
  onClose,
}: {
  projectCode: number;
  task: TaskInstance | null;
  onClose: () => void;
}) {
  const t = useT();
  const state = useTaskState(projectCode, task);
  const finished = isTaskFinished(state);
  const [generation, setGeneration] = useState(0);
  const [follow, setFollow] = useState(true);
  const [wrap, setWrap] = useState(false);
  const { cursor, error } = useLogFollower(task?.id ?? null, finished, generation);
  const bodyRef = useRef<HTMLPreElement>(null);

  useEffect(() => {
    if (follow && bodyRef.current) bodyRef.current.scrollTop = bodyRef.current.scrollHeight;
  }, [cursor.text, follow]);

  return (
    <Drawer
      open={!!task}
      onClose={onClose}
      width="min(1100px, 92vw)"
      destroyOnHidden
      title={
        task && (
          <Space wrap>
            <span>{t('log.title', { name: task.name })}</span>
            <StateTag state={state} />
          </Space>
        )
      }
      extra={
        task && (
          <Space>
            <span className="muted">{t('log.follow')}</span>
            <Switch size="small" checked={follow} onChange={setFollow} data-testid="log-follow" />
            <span className="muted">{t('log.wrap')}</span>
            <Switch size="small" checked={wrap} onChange={setWrap} />
            <Tooltip title={t('log.reload')}>
              <Button icon={<ReloadOutlined />} onClick={() => setGeneration((g) => g + 1)} />
            </Tooltip>
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl('/log/download-log', { taskInstanceId: task.id })}
              data-testid="log-download"
            >
              {t('log.download')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon message={t('log.failed')} description={error} style={{ marginBottom: 12 }} />}
      <pre
        ref={bodyRef}
        className={`log-body${wrap ? ' log-body-wrap' : ''}`}
        data-testid="log-body"
        onScroll={(event) => {
          const el = event.currentTarget;
          const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          if (!atBottom && follow && !cursor.done) setFollow(false);
        }}
      >
        {cursor.text || (cursor.done ? t('log.empty') : '')}
      </pre>
      <div className="log-status" data-testid="log-status" data-done={cursor.done ? 'true' : 'false'}>
        {cursor.done ? (
          <Typography.Text type="secondary">{t('log.end', { lines: cursor.lines })}</Typography.Text>
        ) : error ? null : (
          <Typography.Text type="secondary">
            <LoadingOutlined /> {finished ? t('log.reading') : t('log.following')}
          </Typography.Text>
        )}
      </div>
    </Drawer>
  );
}
