// Host fake of @kit.PerformanceAnalysisKit: hilog formats ("%{public}s") rendered like the device does.
import { hostLog } from './host-log';

function render(level: string, tag: string, format: string, args: unknown[]): string {
  let next = 0;
  const text = format.replace(/%\{(?:public|private)\}[sd]|%[sd]/g, () => String(args[next++]));
  return `[hilog ${level}] ${tag}: ${text}`;
}

export const hilog = {
  info: (domain: number, tag: string, format: string, ...args: unknown[]) => hostLog(render('I', tag, format, args)),
  warn: (domain: number, tag: string, format: string, ...args: unknown[]) => hostLog(render('W', tag, format, args)),
  error: (domain: number, tag: string, format: string, ...args: unknown[]) => hostLog(render('E', tag, format, args))
};
