// The example workflows shipped in the repository import cleanly: the UI's import preview
// accepts them, every SWITCH/CONDITIONS branch names a task of the same workflow, and OpenMLDB
// SQL has no double quotes (the OPENMLDB task embeds each statement in a double-quoted string).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDag } from './lib/dag';
import { branchesOf, parseTaskParams } from './lib/taskParams';
import { previewImport } from './pages/workflow-definitions/ImportDialog';

const repo = path.resolve(__dirname, '../..');
const examples = [
  ['examples/openmldb-demo/openmldb_talkingdata.json', 'openmldb_talkingdata · 9 tasks'],
  ['tests/browser/fixtures/switch-workflow.json', 'switch_demo · 6 tasks'],
  ['tests/browser/fixtures/long-running.json', 'long_running · 2 tasks'],
];

describe.each(examples)('%s', (file, summary) => {
  const text = fs.readFileSync(path.join(repo, file), 'utf8');
  const doc = JSON.parse(text);

  it('passes the import preview', () => {
    expect(previewImport(path.basename(file), text)).toEqual({ kind: 'json', workflows: [summary] });
  });

  it('keeps every branch and relation inside the workflow, with a single root chain', () => {
    for (const entry of doc) {
      const model = buildDag(entry);
      const codes = new Set(model.tasks.map((task) => Number(task.code)));
      for (const relation of entry.processTaskRelationList) {
        expect(codes.has(Number(relation.postTaskCode))).toBe(true);
        if (relation.preTaskCode) expect(codes.has(Number(relation.preTaskCode))).toBe(true);
      }
      for (const task of model.tasks) {
        for (const branch of branchesOf(task)) {
          expect(branch.codes.length).toBeGreaterThan(0);
          for (const code of branch.codes) {
            expect(codes.has(code)).toBe(true);
            expect(model.successors.get(Number(task.code))).toContain(code);
          }
        }
        if (task.taskType === 'OPENMLDB') {
          const params = parseTaskParams(task.taskParams);
          expect(params).toMatchObject({ zk: expect.any(String), zkPath: expect.any(String) });
          expect(['offline', 'online']).toContain(params.executeMode);
          expect(String(params.sql)).not.toContain('"');
        }
      }
    }
  });
});
