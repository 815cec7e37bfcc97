/* Timers of the ArkTS runtime (not part of the ES library); handles are numbers there. */
declare function setTimeout(handler: () => void, delay: number): number;
declare function clearTimeout(timeoutId: number): void;
