import { describe, expect, it } from 'vitest';
import { buildStartForm, defaultRunValues, RunFormError } from './runForm';

describe('buildStartForm', () => {
  it('sends the defaults DolphinScheduler UI sends for a plain run', () => {
    const form = buildStartForm(123, defaultRunValues());
    expect(form).toMatchObject({
      processDefinitionCode: 123,
      failureStrategy: 'CONTINUE',
      warningType: 'NONE',
      execType: 'START_PROCESS',
      taskDependType: 'TASK_POST',
      processInstancePriority: 'MEDIUM',
      workerGroup: 'default',
      startNodeList: '',
      startParams: '',
      dryRun: 0,
      scheduleTime: '',
    });
  });

  it('encodes start parameters, start nodes and dry run', () => {
    const form = buildStartForm(1, {
      ...defaultRunValues(),
      startParams: [
        { prop: ' route ', value: 'slow' },
        { prop: '', value: 'ignored' },
      ],
      startNodeList: [11, 12],
      taskDependType: 'TASK_ONLY',
      dryRun: true,
    });
    expect(form.startParams).toBe('{"route":"slow"}');
    expect(form.startNodeList).toBe('11,12');
    expect(form.taskDependType).toBe('TASK_ONLY');
    expect(form.dryRun).toBe(1);
  });

  it('encodes a backfill range or date list as the scheduleTime JSON', () => {
    const range = buildStartForm(1, {
      ...defaultRunValues(),
      complement: true,
      complementRange: ['2024-01-01 00:00:00', '2024-01-03 00:00:00'],
      runMode: 'RUN_MODE_PARALLEL',
      expectedParallelismNumber: 2,
    });
    expect(range.execType).toBe('COMPLEMENT_DATA');
    expect(JSON.parse(String(range.scheduleTime))).toEqual({
      complementStartDate: '2024-01-01 00:00:00',
      complementEndDate: '2024-01-03 00:00:00',
    });
    expect(range.expectedParallelismNumber).toBe(2);
    const list = buildStartForm(1, { ...defaultRunValues(), complement: true, complementDates: ['2024-01-01 00:00:00', '2024-02-01 00:00:00'] });
    expect(JSON.parse(String(list.scheduleTime))).toEqual({ complementScheduleDateList: '2024-01-01 00:00:00,2024-02-01 00:00:00' });
  });

  it('refuses inconsistent input with a message', () => {
    const base = defaultRunValues();
    expect(() => buildStartForm(1, { ...base, complement: true })).toThrow(RunFormError);
    expect(() => buildStartForm(1, { ...base, complement: true, complementRange: ['2024-02-01 00:00:00', '2024-01-01 00:00:00'] })).toThrow(/after/);
    expect(() => buildStartForm(1, { ...base, taskDependType: 'TASK_PRE' })).toThrow(/tasks to start from/);
    expect(() => buildStartForm(1, { ...base, startParams: [{ prop: 'a', value: '1' }, { prop: 'a', value: '2' }] })).toThrow(/twice/);
    expect(() =>
      buildStartForm(1, { ...base, complement: true, complementDates: Array.from({ length: 101 }, (_, i) => `d${i}`) }),
    ).toThrow(/100/);
  });
});
