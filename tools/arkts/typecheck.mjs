// Type-checks every .ets file (and the shared sources as ArkTS) with ohos-typescript against the
// @kit stubs in ./stubs. Exit 1 on any diagnostic.
import { checkedEtsFiles, compilerOptions, formatDiagnostic, stageShared, stubFiles, ts } from './project.mjs';

const staged = stageShared();
try {
  const files = checkedEtsFiles(staged);
  const program = ts.createProgram([...files, ...stubFiles()], compilerOptions(staged.index));
  const diagnostics = ts.getPreEmitDiagnostics(program);
  for (const diagnostic of diagnostics) console.log(formatDiagnostic(diagnostic, staged));
  console.log(`arkts typecheck: ${files.length} .ets files, ${diagnostics.length} problems`);
  process.exitCode = diagnostics.length === 0 ? 0 : 1;
} finally {
  staged.remove();
}
