import { useEffect, useState } from 'preact/hooks';
import { DEVICE_TYPES, type AudienceCount, type DeviceType, type SendTarget } from '@harmony-push/shared';
import { api, ApiError } from '../api';

/** The target of a send, with `testDevices` as the test-device send names it. */
export type Target = SendTarget & { testDevices?: boolean };

type Mode = 'tokens' | 'userIds' | 'deviceTypes' | 'all' | 'testDevices';

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'tokens', label: 'Tokens' },
  { mode: 'userIds', label: 'User ids' },
  { mode: 'deviceTypes', label: 'Device types' },
  { mode: 'all', label: 'Every active device' },
  { mode: 'testDevices', label: 'Test devices' }
];

function modeOf(target: Target): Mode {
  if (target.testDevices) return 'testDevices';
  if (target.all) return 'all';
  if (target.userIds) return 'userIds';
  if (target.deviceTypes) return 'deviceTypes';
  return 'tokens';
}

const lines = (text: string): string[] | undefined => {
  const values = text.split(/[\n,]/).map((line) => line.trim()).filter((line) => line.length > 0);
  return values.length === 0 ? undefined : values;
};

/** How long typing pauses before the audience is counted. */
const COUNT_DELAY_MS = 300;

/** Picks who a send goes to and shows how many tokens that resolves to now (POST /audience/count). */
/** A list typed one value per line; `code` sets it in the monospace font push tokens are read in. */
function LinesField({ id, label, values, code, onChange }: { id: string; label: string; values?: string[]; code?: boolean; onChange: (values?: string[]) => void }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        class={code ? 'code' : undefined}
        value={(values ?? []).join('\n')}
        onInput={(event) => onChange(lines((event.target as HTMLTextAreaElement).value))}
      />
    </div>
  );
}

export function AudiencePicker({ target, onChange, error }: { target: Target; onChange: (target: Target) => void; error?: string[] }) {
  const mode = modeOf(target);
  const [count, setCount] = useState<string>('');
  const key = JSON.stringify(target);
  useEffect(() => {
    setCount('counting…');
    const timer = setTimeout(async () => {
      try {
        const answer = await api<AudienceCount>('POST', '/audience/count', target);
        setCount(`${answer.count} ${answer.count === 1 ? 'token' : 'tokens'}`);
      } catch (failure) {
        const details = failure instanceof ApiError ? failure.details.map((detail) => detail.message).join('; ') : '';
        setCount(failure instanceof ApiError && failure.status === 400 ? `not counted: ${details || failure.message}` : 'not counted');
      }
    }, COUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const choose = (next: Mode) => {
    if (next === 'all') onChange({ all: true });
    else if (next === 'testDevices') onChange({ testDevices: true });
    else if (next === 'deviceTypes') onChange({ deviceTypes: [DEVICE_TYPES[0]] });
    else onChange({});
  };
  return (
    <fieldset class="audience">
      <legend>Audience</legend>
      <div class="modes" role="radiogroup" aria-label="Send to">
        {MODES.map((option) => (
          <label key={option.mode} class="choice">
            <input type="radio" name="audience-mode" checked={mode === option.mode} onChange={() => choose(option.mode)} />
            {option.label}
          </label>
        ))}
      </div>
      {mode === 'tokens' ? (
        <LinesField id="audience-tokens" label="Push tokens, one per line" code values={target.tokens} onChange={(tokens) => onChange({ tokens })} />
      ) : null}
      {mode === 'userIds' ? (
        <LinesField id="audience-users" label="User ids, one per line" values={target.userIds} onChange={(userIds) => onChange({ userIds })} />
      ) : null}
      {mode === 'deviceTypes' ? (
        <div class="modes" role="group" aria-label="Device types">
          {DEVICE_TYPES.map((type) => (
            <label key={type} class="choice">
              <input
                type="checkbox"
                checked={(target.deviceTypes ?? []).includes(type)}
                onChange={(event) => {
                  const chosen = new Set<DeviceType>(target.deviceTypes ?? []);
                  if ((event.target as HTMLInputElement).checked) chosen.add(type);
                  else chosen.delete(type);
                  onChange({ deviceTypes: chosen.size === 0 ? undefined : DEVICE_TYPES.filter((t) => chosen.has(t)) });
                }}
              />
              {type}
            </label>
          ))}
        </div>
      ) : null}
      <p class="count" aria-live="polite">
        Resolves to: <strong data-testid="audience-count">{count}</strong>
      </p>
      {error && error.length > 0 ? (
        <p class="field-error" role="alert">
          {error.join('; ')}
        </p>
      ) : null}
    </fieldset>
  );
}
