// Monospace, scrollable text for scripts, SQL, JSON and environment scripts.
import { CSSProperties } from 'react';

export function CodeBlock({ text, maxHeight = 360, style, testId }: { text: string; maxHeight?: number; style?: CSSProperties; testId?: string }) {
  return (
    <pre className="code-block" style={{ maxHeight, ...style }} data-testid={testId}>
      {text}
    </pre>
  );
}
