// Prints the mutation score of every file StrykerJS mutated (`npm run mutation`), from the JSON reports the shared and
// server runs write, and exits 1 when a file is under the goal. Score as Stryker counts it: detected (killed or timed
// out) ÷ valid mutants (detected + survived + no coverage); ignored and compile errors are not counted.
import { existsSync, readFileSync } from 'node:fs';

const GOAL = 90;
const REPORTS = [['shared', 'reports/mutation/shared.json'], ['server', 'reports/mutation/server.json']];

const rows = [];
for (const [workspace, report] of REPORTS) {
  if (!existsSync(report)) {
    console.error(`mutation: no report at ${report}; did the ${workspace} run finish?`);
    process.exit(1);
  }
  const { files } = JSON.parse(readFileSync(report, 'utf8'));
  for (const [file, { mutants }] of Object.entries(files)) {
    const count = (...statuses) => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
    const detected = count('Killed', 'Timeout');
    const valid = detected + count('Survived', 'NoCoverage');
    if (valid === 0) continue;
    rows.push({ file: `${workspace}/${file}`, valid, survived: valid - detected, score: (100 * detected) / valid });
  }
}

const width = Math.max(...rows.map((row) => row.file.length));
console.log(`\n${'file'.padEnd(width)}  mutants  survived  score`);
for (const row of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  const flag = row.score < GOAL ? `  below ${GOAL}%` : '';
  console.log(`${row.file.padEnd(width)}  ${String(row.valid).padStart(7)}  ${String(row.survived).padStart(8)}  ${row.score.toFixed(1).padStart(5)}%${flag}`);
}
const below = rows.filter((row) => row.score < GOAL);
console.log(`\n${rows.length} files, ${below.length} below ${GOAL}%; HTML reports: reports/mutation/shared.html, reports/mutation/server.html`);
process.exitCode = below.length > 0 ? 1 : 0;
