import { ConfigError } from './config';
import { ServiceAccountError } from './pushkit/service-account';

/** A configuration or key-file problem ends start-up with its message alone: it names what to fix. */
export async function orExit<T>(step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ServiceAccountError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
