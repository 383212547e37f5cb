/** What every benchmark hands back, and the one table `npm run bench` prints from it. */

export type Measurement = {
  area: string;
  subject: string;
  metric: string;
  value: string;
  /** The budget as written in the issue; absent when the number is only reported. */
  budget?: string;
  /** Whether the value is within the budget; absent when the number is only reported. */
  ok?: boolean;
};

/** A benchmark's results: rows for the budget table, notes that explain them, and any table of its own. */
export type Findings = { measurements: Measurement[]; notes: string[]; tables?: string[] };

export function toMarkdownTable(measurements: readonly Measurement[]): string {
  return markdownTable(
    ['area', 'subject', 'metric', 'value', 'budget', 'verdict'],
    measurements.map((m) => [m.area, m.subject, m.metric, m.value, m.budget ?? '—', verdict(m)]),
  );
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function overBudget(measurements: readonly Measurement[]): Measurement[] {
  return measurements.filter((m) => m.ok === false);
}

function verdict(m: Measurement): string {
  if (m.ok === undefined) return 'reported';
  return m.ok ? 'ok' : '**OVER**';
}

/** 1 KB = 1000 bytes, the stricter reading of the budgets. */
export function kilobytes(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} KB`;
}

export function milliseconds(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
}
