import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editorText, editorTexts } from './editorText';
import { DEPENDENT_DATE_VALUES, EXECUTION_TYPES, HTTP_CHECKS, HTTP_PARAM_TYPES, MLFLOW_JOB_TYPES, PRIORITIES, TASK_TYPES } from './taskTypes';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('editor texts', () => {
  it('has English and Chinese for every key the editor uses', () => {
    const used = new Set<string>();
    for (const file of sources(__dirname)) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/\btx\(\s*'([\w.]+)'/g)) used.add(m[1]);
    }
    for (const t of TASK_TYPES) used.add(t.hint).add(`kind.${t.kind}`);
    for (const p of PRIORITIES) used.add(`priority.${p}`);
    for (const e of EXECUTION_TYPES) used.add(`execution.${e}`);
    for (const c of HTTP_CHECKS) used.add(`http.check.${c}`);
    for (const c of HTTP_PARAM_TYPES) used.add(`http.type.${c}`);
    for (const j of MLFLOW_JOB_TYPES) used.add(`mlflow.job.${j}`);
    for (const [cycle, values] of Object.entries(DEPENDENT_DATE_VALUES)) {
      used.add(`cycle.${cycle}`);
      values.forEach((v) => used.add(`date.${v}`));
    }
    for (const p of ['self', 'duplicate', 'cycle', 'missing']) used.add(`connect.${p}`);
    for (const d of ['Upload', 'Download', 'InitDVC']) used.add(`dvc.type.${d}`);
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((k) => !editorTexts[k]?.[0] || !editorTexts[k]?.[1]);
    expect(missing).toEqual([]);
  });

  it('fills placeholders and follows the language', () => {
    expect(editorText('en', 'save.savedVersion', { version: 2 })).toBe('Saved as version 2');
    expect(editorText('zh', 'save.savedVersion', { version: 2 })).toBe('已保存为版本 2');
    expect(editorText('en', 'no.such')).toBe('no.such');
  });
});
