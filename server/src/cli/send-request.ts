import { validatorCompiler } from 'fastify-type-provider-zod';
import { DeviceType, PushType, maskToken, type SendRequest, type SendTarget } from '@harmony-push/shared';
import { errors } from '../errors';
import { parseJsonBody } from '../plugins/input-guard';
import { validationDetails } from '../plugins/error-handler';
import { sendRequest } from '../sending/schemas';
import { CliError, ExitCode, usageError } from './exit-codes';

/** `--push-type` takes Huawei's number or a name: `alert`, `form-update`, ..., `voip-call`. */
export const PUSH_TYPE_NAMES: Record<string, PushType> = {
  alert: PushType.ALERT,
  'form-update': PushType.FORM_UPDATE,
  extension: PushType.EXTENSION,
  background: PushType.BACKGROUND,
  'live-view': PushType.LIVE_VIEW,
  'voip-call': PushType.VOIP_CALL
};

export function parsePushType(value: string): PushType {
  const named = PUSH_TYPE_NAMES[value.toLowerCase()];
  if (named !== undefined) return named;
  const number = Number(value);
  if (value.trim() !== '' && Object.values(PUSH_TYPE_NAMES).includes(number)) return number as PushType;
  throw usageError(`--push-type: ${value} is none of ${Object.entries(PUSH_TYPE_NAMES).map(([name, type]) => `${name} (${type})`).join(', ')}`);
}

export const pushTypeName = (type: PushType): string =>
  Object.entries(PUSH_TYPE_NAMES).find(([, value]) => value === type)?.[0] ?? String(type);

/** The `send` options that make a request without a file: the common cases (an alert, extension or background). */
export interface SendFlags {
  pushType?: string;
  title?: string;
  body?: string;
  category?: string;
  data?: string;
  testMessage?: boolean;
  ttl?: number;
  token?: string[];
  user?: string[];
  deviceType?: DeviceType[];
  all?: boolean;
}

/** The target the flags name, if any: with `--file` it replaces the file's target (same message, another audience). */
export function targetOf(flags: SendFlags): SendTarget | undefined {
  const target: SendTarget = {
    ...(flags.token ? { tokens: flags.token } : {}),
    ...(flags.user ? { userIds: flags.user } : {}),
    ...(flags.deviceType ? { deviceTypes: flags.deviceType } : {}),
    ...(flags.all ? { all: true } : {})
  };
  return Object.keys(target).length > 0 ? target : undefined;
}

const PAYLOAD_FLAGS = ['pushType', 'title', 'body', 'category', 'data', 'testMessage', 'ttl'] as const;

/**
 * The request body from the flags. Fields left out are left out (no defaults beyond a tap opening the app), so the
 * server's own rules name what is missing. Card updates, Live View and VoIP calls have too many fields for flags.
 */
export function requestFromFlags(flags: SendFlags): Record<string, unknown> {
  const pushType = flags.pushType === undefined ? PushType.ALERT : parsePushType(flags.pushType);
  const notification = {
    ...(flags.category === undefined ? {} : { category: flags.category }),
    ...(flags.title === undefined ? {} : { title: flags.title }),
    ...(flags.body === undefined ? {} : { body: flags.body }),
    clickAction: { actionType: 0 }
  };
  let payload: Record<string, unknown>;
  switch (pushType) {
    case PushType.ALERT:
      payload = { notification };
      break;
    case PushType.EXTENSION:
      payload = { notification, ...(flags.data === undefined ? {} : { extraData: flags.data }) };
      break;
    case PushType.BACKGROUND:
      payload = flags.data === undefined ? {} : { extraData: flags.data };
      break;
    default:
      throw usageError(`push-type ${pushTypeName(pushType)} needs --file: its payload has more fields than flags can say`);
  }
  const pushOptions = {
    ...(flags.testMessage ? { testMessage: true } : {}),
    ...(flags.ttl === undefined ? {} : { ttl: flags.ttl })
  };
  return {
    pushType,
    payload,
    ...(Object.keys(pushOptions).length > 0 ? { pushOptions } : {}),
    target: targetOf(flags) ?? {}
  };
}

/** The body `send` posts: a file's JSON (its target replaced by target flags), or one made from the flags. */
export function requestBody(fileText: string | undefined, flags: SendFlags): unknown {
  if (fileText === undefined) return requestFromFlags(flags);
  const given = PAYLOAD_FLAGS.filter((name) => flags[name] !== undefined);
  if (given.length > 0) {
    throw usageError(`--file gives the whole message: leave out ${given.map((name) => '--' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())).join(', ')} (target flags may replace its target)`);
  }
  const parsed = parseJsonBody(fileText);
  if ('error' in parsed) throw refused(parsed.error.toBody());
  const target = targetOf(flags);
  if (target === undefined || typeof parsed.body !== 'object' || parsed.body === null || Array.isArray(parsed.body)) return parsed.body;
  return { ...parsed.body, target };
}

const refused = (body: ReturnType<ReturnType<typeof errors.validation>['toBody']>): CliError => new CliError(ExitCode.REFUSED, body);

const validateSend = validatorCompiler({ schema: sendRequest, method: 'POST', url: '/send', httpPart: 'body' });

/**
 * `--dry-run`: the body checked as `POST /send` checks it (the same JSON decoding and the same zod schema, through the
 * same validator), so the errors are the server's 400, word for word. Nothing is contacted.
 */
export function checkSendRequest(body: unknown): SendRequest {
  const inspected = parseJsonBody(JSON.stringify(body));
  if ('error' in inspected) throw refused(inspected.error.toBody());
  const result = validateSend(inspected.body) as { value?: SendRequest; error?: { instancePath: string; message?: string }[] };
  if (result.error) throw refused(errors.validation(validationDetails(result.error, 'body')).toBody());
  return result.value as SendRequest;
}

/** A request fit to print: its tokens masked. */
export function maskedRequest(request: SendRequest): SendRequest {
  const tokens = request.target.tokens?.map(maskToken);
  return { ...request, target: { ...request.target, ...(tokens ? { tokens } : {}) } };
}
