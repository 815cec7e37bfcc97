import type { ErrorBody, ErrorDetail } from '@harmony-push/shared';

const KEY_STORAGE = 'harmony-push.adminKey';

/** The admin key lives for the tab only (sessionStorage): closing the tab signs out. */
export const adminKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORAGE),
  set: (key: string): void => sessionStorage.setItem(KEY_STORAGE, key),
  clear: (): void => sessionStorage.removeItem(KEY_STORAGE)
};

/** A non-2xx answer of the API, with its error body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined
  ) {
    super(body ? `${body.message} (${status} ${body.error})` : `HTTP ${status}`);
  }

  get details(): ErrorDetail[] {
    return this.body?.details ?? [];
  }
}

/** Routes other parts of the server bring (receipts, quota, revoke) answer 404 until they exist. */
export const notAvailable = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

let onUnauthorized: () => void = () => {};
/** What to do when the key stops working (it was removed from ADMIN_KEYS): the app signs out. */
export const whenUnauthorized = (handler: () => void): void => {
  onUnauthorized = handler;
};

async function request(method: string, path: string, body: unknown, key: string | null): Promise<Response> {
  const headers: Record<string, string> = {};
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function failure(response: Response): Promise<ApiError> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  return new ApiError(response.status, body);
}

/** Calls the API with the signed-in admin key; a 401 signs out. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await request(method, path, body, adminKey.get());
  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401) onUnauthorized();
    throw error;
  }
  return (await response.json()) as T;
}

/** The same for a download: the file as a Blob. */
export async function download(path: string): Promise<Blob> {
  const response = await request('GET', path, undefined, adminKey.get());
  if (!response.ok) throw await failure(response);
  return response.blob();
}

/** Checks a key before keeping it: any admin route answers 401 to a wrong key and 403 to an app key. */
export async function checkKey(key: string): Promise<string | undefined> {
  const response = await request('GET', '/audit?limit=1', undefined, key);
  if (response.ok) return undefined;
  if (response.status === 401) return 'This admin key was refused. Use a key from ADMIN_KEYS (or the one npm start printed).';
  if (response.status === 403) return 'This is an app key, not an admin key.';
  return (await failure(response)).message;
}

/** A query string from the set fields. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
