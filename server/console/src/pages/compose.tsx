import { useEffect, useState } from 'preact/hooks';
import { PUSH_TYPES, PushType, type ErrorDetail, type SendResponse } from '@harmony-push/shared';
import { api, ApiError } from '../api';
import { AlertPreview } from '../components/alert-preview';
import { AudiencePicker, type Target } from '../components/audience';
import { ErrorText, Loaded, useAsync } from '../components/async';
import { ObjectFields, type FieldErrors, type JsonObject, type JsonSchema } from '../components/schema-form';
import { pushTypeName } from '../format';

interface Message {
  pushType: PushType;
  payload?: JsonObject;
  pushOptions?: JsonObject;
  target: Target;
}

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
}

/** The schema of each push-type's POST /send body, from the server's own OpenAPI document. */
async function sendSchemas(): Promise<Map<PushType, JsonSchema>> {
  const document = await api<OpenApi>('GET', '/openapi.json');
  const body = document.paths['/send']?.post?.requestBody?.content['application/json']?.schema;
  const members = body?.oneOf ?? body?.anyOf ?? [];
  const schemas = new Map<PushType, JsonSchema>();
  for (const member of members) {
    const pushType = member.properties?.pushType?.enum?.[0];
    if (typeof pushType === 'number') schemas.set(pushType as PushType, member);
  }
  return schemas;
}

const STARTER: Message = {
  pushType: PushType.ALERT,
  payload: { notification: { category: 'IM', title: 'Hello', body: 'A message from harmony-push', clickAction: { actionType: 0 } } },
  target: {}
};

/** The server's 400 details by field path, `body.` dropped: the form's paths start at the body. */
function fieldErrors(details: ErrorDetail[]): FieldErrors {
  const byPath: FieldErrors = {};
  for (const detail of details) {
    const path = detail.path.replace(/^body\.?/, '');
    (byPath[path] ??= []).push(detail.message);
  }
  return byPath;
}

function JsonView({ message, onChange }: { message: Message; onChange: (message: Message) => void }) {
  const [text, setText] = useState(JSON.stringify(message, null, 2));
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (problem === undefined) setText(JSON.stringify(message, null, 2));
  }, [JSON.stringify(message)]);
  return (
    <div class="field">
      <label for="compose-json">The request as JSON (edits update the form)</label>
      <textarea
        id="compose-json"
        class="code"
        rows={18}
        value={text}
        aria-invalid={problem ? 'true' : undefined}
        onInput={(event) => {
          const next = (event.target as HTMLTextAreaElement).value;
          setText(next);
          try {
            const parsed = JSON.parse(next) as Message;
            if (typeof parsed !== 'object' || parsed === null || !PUSH_TYPES.includes(parsed.pushType)) {
              setProblem('pushType must be one of ' + PUSH_TYPES.join(', '));
              return;
            }
            setProblem(undefined);
            onChange({ ...parsed, target: parsed.target ?? {} });
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {problem ? <span class="field-error">{problem}</span> : null}
    </div>
  );
}

export function Compose() {
  const schemas = useAsync(sendSchemas, []);
  const [message, setMessage] = useState<Message>(STARTER);
  const [view, setView] = useState<'form' | 'json'>('form');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const testMessage = message.pushOptions?.testMessage === true;

  const setTestMessage = (on: boolean) => {
    const options: JsonObject = { ...(message.pushOptions ?? {}) };
    if (on) options.testMessage = true;
    else delete options.testMessage;
    setMessage({ ...message, pushOptions: Object.keys(options).length === 0 ? undefined : options });
  };

  const send = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    setErrors({});
    setFailure(undefined);
    try {
      const answer = await api<SendResponse>('POST', '/send', message);
      location.hash = `#/sends/${answer.sendId}`;
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) setErrors(fieldErrors(error.details));
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h1>Compose</h1>
      <Loaded state={schemas}>
        {(byType) => {
          const schema = byType.get(message.pushType);
          const properties = schema?.properties ?? {};
          const listed = Object.entries(errors);
          return (
            <form class="compose" onSubmit={send} noValidate>
              <div class="compose-main">
                <div class="field">
                  <label for="compose-push-type">Push type</label>
                  <select
                    id="compose-push-type"
                    value={String(message.pushType)}
                    onChange={(event) => {
                      const pushType = Number((event.target as HTMLSelectElement).value) as PushType;
                      setMessage({ pushType, target: message.target, pushOptions: message.pushOptions });
                      setErrors({});
                    }}
                  >
                    {PUSH_TYPES.filter((type) => byType.has(type)).map((type) => (
                      <option key={type} value={String(type)}>
                        {pushTypeName(type)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="tabs" role="group" aria-label="Edit as">
                  <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
                    Form
                  </button>
                  <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
                    JSON
                  </button>
                </div>
                {view === 'form' ? (
                  <>
                    <fieldset>
                      <legend>Payload</legend>
                      {properties.payload ? (
                        <ObjectFields
                          schema={properties.payload}
                          path="payload"
                          value={message.payload}
                          errors={errors}
                          onChange={(payload) => setMessage({ ...message, payload: payload as JsonObject | undefined })}
                        />
                      ) : null}
                    </fieldset>
                    {properties.pushOptions ? (
                      <details class="group">
                        <summary>Push options</summary>
                        <ObjectFields
                          schema={properties.pushOptions}
                          path="pushOptions"
                          value={message.pushOptions}
                          errors={errors}
                          onChange={(pushOptions) => setMessage({ ...message, pushOptions: pushOptions as JsonObject | undefined })}
                        />
                      </details>
                    ) : null}
                  </>
                ) : (
                  <JsonView message={message} onChange={setMessage} />
                )}
                <AudiencePicker
                  target={message.target}
                  onChange={(target) => setMessage({ ...message, target })}
                  error={Object.entries(errors).filter(([path]) => path.startsWith('target')).flatMap(([, messages]) => messages)}
                />
                <label class="choice">
                  <input type="checkbox" checked={testMessage} onChange={(event) => setTestMessage((event.target as HTMLInputElement).checked)} />
                  Send as a test message (Huawei’s test-message quota; at most 10 tokens a request)
                </label>
                {failure ? (
                  <div class="error-box" role="alert">
                    <ErrorText error={failure} />
                    {listed.length > 0 ? (
                      <ul>
                        {listed.map(([path, messages]) => (
                          <li key={path}>
                            <code>{path || 'body'}</code>: {messages.join('; ')}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
                <button type="submit" class="primary" disabled={sending}>
                  {sending ? 'Sending…' : 'Send'}
                </button>
              </div>
              {message.pushType === PushType.ALERT ? (
                <aside class="compose-preview">
                  <AlertPreview payload={message.payload} />
                </aside>
              ) : null}
            </form>
          );
        }}
      </Loaded>
    </>
  );
}
