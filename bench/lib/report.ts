import type { ScenarioResult } from './context.js';

/** The table `npm run bench` prints: figures, then each target and invariant with its verdict. */
export function printReport(results: readonly ScenarioResult[], failures: readonly { id: string; error: string }[]): void {
  const out: string[] = [];
  for (const result of results) {
    out.push('', `── ${result.id}. ${result.title}`);
    const width = Math.max(...Object.keys(result.figures).map((name) => name.length), 10);
    for (const [name, value] of Object.entries(result.figures)) out.push(`   ${name.padEnd(width)}  ${value}`);
    for (const target of result.targets) {
      out.push(`   target     ${target.met ? 'MET   ' : 'MISSED'}  ${target.name} ${target.goal}: ${target.value}`);
    }
    for (const invariant of result.invariants) {
      out.push(`   invariant  ${invariant.held ? 'HELD  ' : 'BROKEN'}  ${invariant.name}${invariant.detail ? `: ${invariant.detail}` : ''}`);
    }
  }
  for (const failure of failures) out.push('', `── ${failure.id}. FAILED TO RUN: ${failure.error}`);
  out.push('', 'Targets');
  for (const result of results) {
    for (const target of result.targets) out.push(`   ${result.id.padEnd(3)} ${(target.met ? 'met' : 'MISSED').padEnd(7)} ${target.name} ${target.goal} → ${target.value}`);
  }
  console.log(out.join('\n'));
}
