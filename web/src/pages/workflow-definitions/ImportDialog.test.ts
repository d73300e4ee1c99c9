import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { previewImport } from './ImportDialog';

const repo = path.resolve(__dirname, '../../../..');

describe('previewImport', () => {
  it('lists the workflows of a DolphinScheduler export', () => {
    const text = fs.readFileSync(path.join(repo, 'tests/browser/fixtures/switch-workflow.json'), 'utf8');
    expect(previewImport('wf.json', text)).toEqual({ kind: 'json', workflows: ['switch_demo · 6 tasks'] });
  });

  it('names the problem of a broken file', () => {
    expect(previewImport('wf.json', '[{"processDefinition":').problem).toMatch(/not valid JSON/);
    expect(previewImport('wf.json', '[{"foo":1}]').problem).toMatch(/no "processDefinition"/);
    expect(previewImport('wf.json', '[{"processDefinition":{"name":"x"},"taskDefinitionList":[]}]').problem).toMatch(/"x" has no tasks/);
    expect(previewImport('wf.json', '[]').problem).toMatch(/no workflow/);
  });

  it('recognises pydolphinscheduler YAML by its workflow section', () => {
    expect(previewImport('wf.yaml', 'workflow:\n  name: "tutorial"\ntasks: []\n')).toEqual({ kind: 'yaml', workflows: ['tutorial'] });
    expect(previewImport('wf.yml', 'tasks: []\n').problem).toMatch(/workflow:/);
  });
});
