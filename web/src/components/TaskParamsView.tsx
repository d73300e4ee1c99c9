// Everything a task definition says, read-only: common settings, its script or SQL, local
// parameters, SWITCH/CONDITIONS branches (target tasks by name) and any other taskParams fields.
import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { Property, TaskDefinition } from '../api/types';
import { branchesOf, parseTaskParams, scriptOf } from '../lib/taskParams';
import { useT } from '../i18n';
import { CodeBlock } from './CodeBlock';

const SHOWN_ELSEWHERE = new Set(['rawScript', 'sql', 'localParams', 'resourceList', 'switchResult', 'conditionResult']);

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, null, 2);
}

export function TaskParamsView({ task, taskNames }: { task: TaskDefinition; taskNames: Map<number, string> }) {
  const t = useT();
  const params = parseTaskParams(task.taskParams);
  const script = scriptOf(task.taskType, params);
  const localParams = (Array.isArray(params.localParams) ? params.localParams : []) as Property[];
  const branches = branchesOf(task);
  const others = Object.entries(params).filter(([key]) => !SHOWN_ELSEWHERE.has(key));
  const nameOf = (code: number) => taskNames.get(code) ?? t('task.unknownCode', { code });

  return (
    <div className="task-params" data-testid="task-params">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('task.type')}>{task.taskType}</Descriptions.Item>
        <Descriptions.Item label={t('task.code')}>{task.code}</Descriptions.Item>
        <Descriptions.Item label={t('task.runFlag')}>
          {task.flag === 'NO' ? <Tag>{t('task.forbidden')}</Tag> : <Tag color="green">{t('task.normal')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.priority')}>{task.taskPriority ?? '-'}</Descriptions.Item>
        <Descriptions.Item label={t('task.workerGroup')}>{task.workerGroup ?? 'default'}</Descriptions.Item>
        <Descriptions.Item label={t('task.environment')}>
          {task.environmentCode && task.environmentCode > 0 ? task.environmentCode : t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.retries')}>
          {t('task.retriesValue', { times: task.failRetryTimes ?? 0, interval: task.failRetryInterval ?? 0 })}
        </Descriptions.Item>
        <Descriptions.Item label={t('task.delay')}>{t('common.minutes', { n: task.delayTime ?? 0 })}</Descriptions.Item>
        <Descriptions.Item label={t('task.timeout')} span={2}>
          {task.timeoutFlag === 'OPEN'
            ? `${t('common.minutes', { n: task.timeout ?? 0 })} · ${task.timeoutNotifyStrategy ?? ''}`
            : t('common.off')}
        </Descriptions.Item>
        {task.description ? (
          <Descriptions.Item label={t('common.description')} span={2}>
            {task.description}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      {script && (
        <>
          <Typography.Title level={5} className="section-title">
            {script.language === 'sql' ? 'SQL' : t('task.script')}
          </Typography.Title>
          <CodeBlock text={script.text} testId="task-script" />
        </>
      )}

      {branches.length > 0 && (
        <>
          <Typography.Title level={5} className="section-title">
            {t('task.branches')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, index) => String(index)}
            dataSource={branches}
            columns={[
              {
                title: task.taskType === 'SWITCH' ? t('task.condition') : t('task.outcome'),
                render: (_, branch) =>
                  branch.kind === 'condition' ? (
                    <code>{branch.label}</code>
                  ) : (
                    <Tag>{branch.kind === 'default' ? t('dag.defaultBranch') : branch.kind === 'success' ? t('dag.onSuccess') : t('dag.onFailure')}</Tag>
                  ),
              },
              {
                title: t('task.nextTask'),
                render: (_, branch) => (branch.codes.length ? branch.codes.map(nameOf).join(', ') : '-'),
              },
            ]}
          />
        </>
      )}

      <Typography.Title level={5} className="section-title">
        {t('task.localParams')}
      </Typography.Title>
      {localParams.length ? (
        <Table
          size="small"
          pagination={false}
          rowKey={(row, index) => `${row.prop}-${index}`}
          dataSource={localParams}
          columns={[
            { title: t('param.name'), dataIndex: 'prop' },
            { title: t('param.direction'), dataIndex: 'direct', width: 90 },
            { title: t('param.type'), dataIndex: 'type', width: 110 },
            { title: t('param.value'), dataIndex: 'value', render: (v) => <code>{valueText(v)}</code> },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noLocalParams')} />
      )}

      {others.length > 0 && (
        <>
          <Typography.Title level={5} className="section-title">
            {t('task.otherParams')}
          </Typography.Title>
          <Descriptions size="small" column={1} bordered>
            {others.map(([key, value]) => (
              <Descriptions.Item key={key} label={key}>
                {typeof value === 'object' && value !== null ? (
                  <CodeBlock text={valueText(value)} maxHeight={200} />
                ) : (
                  <code>{valueText(value)}</code>
                )}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}
    </div>
  );
}
