import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { messages } from './messages';
import { translate } from './index';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('messages', () => {
  it('has an English and a Chinese text for every literal key the UI uses', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.resolve(__dirname, '..'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z-]+\.[a-zA-Z.-]+)'/g)) used.add(match[1]);
      for (const match of text.matchAll(/(?:key|label): '((?:cron|state)\.[A-Za-z_]+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(200);
    const missing = [...used].filter((key) => !messages[key] || !messages[key][0] || !messages[key][1]);
    expect(missing).toEqual([]);
  });

  it('fills placeholders and falls back to the key', () => {
    expect(translate('en', 'home.title', { name: 'ada' })).toBe('Hello, ada');
    expect(translate('zh', 'home.title', { name: 'ada' })).toBe('你好，ada');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
