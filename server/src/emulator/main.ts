import { runEmulator } from './run';

/** `npm run emulator`. */
await runEmulator(process.env);
