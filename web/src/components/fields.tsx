import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';

type Described = { hint?: string | undefined; error?: string | undefined };

function useDescription(id: string, { hint, error }: Described) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter((part) => part !== undefined).join(' ');
  const nodes = (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">{t('fields.errorPrefix')}</span>
          {error}
        </p>
      ) : null}
    </>
  );
  return { describedBy: describedBy === '' ? undefined : describedBy, nodes, invalid: error ? true : undefined };
}

type TextFieldProps = Described & { label: string; name: string } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'id' | 'name'
  >;

/** A labelled input with an optional hint and error, both read out with the input. */
export function TextField({ label, name, hint, error, ...input }: TextFieldProps) {
  const id = useId();
  const description = useDescription(id, { hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {description.nodes}
      <input
        id={id}
        name={name}
        aria-invalid={description.invalid}
        aria-describedby={description.describedBy}
        {...input}
      />
    </div>
  );
}

type TextAreaFieldProps = Described & { label: string; name: string } & Omit<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    'id' | 'name'
  >;

/** A labelled multi-line input, with hint and error like TextField. */
export function TextAreaField({ label, name, hint, error, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const description = useDescription(id, { hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {description.nodes}
      <textarea
        id={id}
        name={name}
        aria-invalid={description.invalid}
        aria-describedby={description.describedBy}
        {...textarea}
      />
    </div>
  );
}

type SelectFieldProps = Described & { label: string; name: string; children: ReactNode } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    'id' | 'name' | 'children'
  >;

export function SelectField({ label, name, hint, error, children, ...select }: SelectFieldProps) {
  const id = useId();
  const description = useDescription(id, { hint, error });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {description.nodes}
      <select
        id={id}
        name={name}
        aria-invalid={description.invalid}
        aria-describedby={description.describedBy}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

type CheckboxFieldProps = { label: string; name: string; hint?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'name' | 'type'
>;

export function CheckboxField({ label, name, hint, ...input }: CheckboxFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="check-field">
      <input id={id} name={name} type="checkbox" aria-describedby={hintId} {...input} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p id={hintId} className="field-hint">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Reads one text value from a submitted form. */
export function formText(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
