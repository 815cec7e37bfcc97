// ArkTS linter (ohos-typescript ArkTSLinter_1_1, the rule set of ArkTS 1.1) over every .ets file and
// the shared sources staged as .ets. Exit 1 on any problem: the app must build with zero.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkedEtsFiles, compilerOptions, formatDiagnostic, stageShared, stubFiles, ts } from './project.mjs';

const staged = stageShared();
// A fresh build-info file every run: the linter is incremental and would skip unchanged files.
const buildInfoDir = mkdtempSync(path.join(tmpdir(), 'arkts-lint-'));
try {
  const files = checkedEtsFiles(staged);
  const options = compilerOptions(staged.index, {
    incremental: true,
    tsBuildInfoFile: path.join(buildInfoDir, 'lint.tsbuildinfo')
  });
  const builder = ts.createIncrementalProgram({
    rootNames: [...files, ...stubFiles()],
    options,
    host: ts.createIncrementalCompilerHost(options)
  });
  const problems = ts.ArkTSLinter_1_1.runArkTSLinter(builder, undefined, undefined, '1.1');
  for (const problem of problems) console.log(formatDiagnostic(problem, staged));
  console.log(`arkts lint: ${files.length} .ets files, ${problems.length} problems`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} finally {
  staged.remove();
  rmSync(buildInfoDir, { recursive: true, force: true });
}
