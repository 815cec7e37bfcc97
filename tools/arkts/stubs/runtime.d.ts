/*
 * Timers of the ArkTS runtime (not part of the ES library); handles are numbers there. Mirrors
 * openharmony/interface_sdk-js api/@internal/full/global.d.ts. Written by hand.
 */
/** @since 7 */
declare function setTimeout(handler: Function | string, delay?: number, ...arguments: any[]): number;
/** @since 7 */
declare function clearTimeout(timeoutID?: number): void;
