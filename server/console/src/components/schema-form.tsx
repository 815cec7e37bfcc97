import { useEffect, useState } from 'preact/hooks';

/**
 * A form generated from a JSON Schema of the server's own /openapi.json (the zod rules as JSON Schema), so the
 * console's fields are the API's fields. Values the form cannot edit one by one (maps, arrays of objects, unions)
 * get a JSON box.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  $ref?: string;
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  format?: string;
}

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Field errors by dotted path (`payload.notification.title`), from the server's 400 details. */
export type FieldErrors = Record<string, string[]>;

interface FieldProps {
  name: string;
  schema: JsonSchema;
  path: string;
  value: Json | undefined;
  required: boolean;
  errors: FieldErrors;
  onChange: (value: Json | undefined) => void;
}

const inputId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

/** Humanises a property name: `clickAction` → `click action`. */
const label = (name: string): string => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function Problems({ path, errors }: { path: string; errors: FieldErrors }) {
  const mine = errors[path];
  if (!mine) return null;
  return (
    <span class="field-error" id={`${inputId(path)}-error`} role="alert">
      {mine.join('; ')}
    </span>
  );
}

/** An object of fields; a nested optional object folds away until opened. */
export function ObjectFields({ schema, path, value, errors, onChange }: Omit<FieldProps, 'name' | 'required'>) {
  const object = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as JsonObject;
  const set = (key: string, next: Json | undefined) => {
    const copy: JsonObject = { ...object };
    if (next === undefined) delete copy[key];
    else copy[key] = next;
    onChange(Object.keys(copy).length === 0 ? undefined : copy);
  };
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, property]) => (
        <Field
          key={key}
          name={key}
          schema={property}
          path={path ? `${path}.${key}` : key}
          value={object[key]}
          required={(schema.required ?? []).includes(key)}
          errors={errors}
          onChange={(next) => set(key, next)}
        />
      ))}
    </>
  );
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
}

function Field(props: FieldProps) {
  const { name, schema, path, value, required, errors, onChange } = props;
  const id = inputId(path);
  const type = typeOf(schema);
  const described = errors[path] ? `${id}-error` : undefined;
  const caption = (
    <label for={id}>
      {label(name)}
      {required ? <abbr title="required"> *</abbr> : null}
    </label>
  );
  const hint = schema.description ? <small class="hint">{schema.description}</small> : null;

  if (type === 'object' && schema.properties) {
    const hasErrors = Object.keys(errors).some((key) => key.startsWith(`${path}.`) || key === path);
    return (
      <details class="group" open={required || value !== undefined || hasErrors}>
        <summary>
          {label(name)}
          {required ? <abbr title="required"> *</abbr> : null}
        </summary>
        <Problems path={path} errors={errors} />
        <ObjectFields schema={schema} path={path} value={value} errors={errors} onChange={onChange} />
      </details>
    );
  }
  if (schema.enum) {
    const numeric = schema.enum.every((option) => typeof option === 'number');
    return (
      <div class="field">
        {caption}
        <select
          id={id}
          aria-describedby={described}
          aria-invalid={errors[path] ? 'true' : undefined}
          value={value === undefined ? '' : String(value)}
          onChange={(event) => {
            const text = (event.target as HTMLSelectElement).value;
            onChange(text === '' ? undefined : numeric ? Number(text) : text);
          }}
        >
          <option value="">{required ? 'choose…' : '(not set)'}</option>
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
        {hint}
        <Problems path={path} errors={errors} />
      </div>
    );
  }
  if (type === 'boolean') {
    return (
      <div class="field">
        {caption}
        <select
          id={id}
          aria-describedby={described}
          value={value === undefined ? '' : String(value)}
          onChange={(event) => {
            const text = (event.target as HTMLSelectElement).value;
            onChange(text === '' ? undefined : text === 'true');
          }}
        >
          <option value="">(not set)</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
        {hint}
        <Problems path={path} errors={errors} />
      </div>
    );
  }
  if (type === 'string' || type === 'integer' || type === 'number') {
    const numeric = type !== 'string';
    return (
      <div class="field">
        {caption}
        {numeric ? (
          <input
            id={id}
            type="number"
            aria-describedby={described}
            aria-invalid={errors[path] ? 'true' : undefined}
            value={value === undefined ? '' : String(value)}
            min={schema.minimum}
            max={schema.maximum}
            step={type === 'integer' ? 1 : 'any'}
            onInput={(event) => {
              const text = (event.target as HTMLInputElement).value;
              onChange(text === '' ? undefined : Number(text));
            }}
          />
        ) : (
          <input
            id={id}
            type="text"
            inputMode={schema.format === 'uri' ? 'url' : undefined}
            aria-describedby={described}
            aria-invalid={errors[path] ? 'true' : undefined}
            value={value === undefined ? '' : String(value)}
            maxLength={schema.maxLength}
            onInput={(event) => {
              const text = (event.target as HTMLInputElement).value;
              onChange(text === '' ? undefined : text);
            }}
          />
        )}
        {hint}
        <Problems path={path} errors={errors} />
      </div>
    );
  }
  if (type === 'array' && schema.items && ['string', 'integer', 'number'].includes(typeOf(schema.items) ?? '')) {
    const numeric = typeOf(schema.items) !== 'string';
    return (
      <div class="field">
        {caption}
        <textarea
          id={id}
          rows={3}
          aria-describedby={described}
          value={Array.isArray(value) ? value.join('\n') : ''}
          onInput={(event) => {
            const lines = (event.target as HTMLTextAreaElement).value.split('\n').filter((line) => line.trim() !== '');
            onChange(lines.length === 0 ? undefined : lines.map((line) => (numeric ? Number(line) : line)));
          }}
        />
        <small class="hint">one per line</small>
        <Problems path={path} errors={errors} />
      </div>
    );
  }
  return <JsonField {...props} />;
}

/** A value as JSON text, parsed on each change; text that is not JSON yet is kept and flagged. */
function JsonField({ name, path, value, required, errors, onChange }: FieldProps) {
  const id = inputId(path);
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    let same = false;
    try {
      same = text.trim() !== '' && JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
    } catch {
      same = false;
    }
    if (!same && !bad) setText(value === undefined ? '' : JSON.stringify(value, null, 2));
  }, [value]);
  return (
    <div class="field">
      <label for={id}>
        {label(name)} (JSON){required ? <abbr title="required"> *</abbr> : null}
      </label>
      <textarea
        id={id}
        rows={3}
        class="code"
        value={text}
        aria-invalid={bad || errors[path] ? 'true' : undefined}
        onInput={(event) => {
          const next = (event.target as HTMLTextAreaElement).value;
          setText(next);
          if (next.trim() === '') {
            setBad(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(next) as Json);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad ? <span class="field-error">not JSON yet</span> : null}
      <Problems path={path} errors={errors} />
    </div>
  );
}
