import type { ReactNode } from 'react';
import type { FormError } from '../lib/form-error.ts';

type ErrorAlertProps = {
  error: FormError | null;
  /** Fields this form shows inline; messages for any other field are listed in the alert. */
  formFields?: readonly string[];
};

export function ErrorAlert({ error, formFields = [] }: ErrorAlertProps) {
  if (error === null) return null;
  const unplaced = Object.entries(error.fields).filter(([field]) => !formFields.includes(field));
  return (
    <div role="alert" className="notice notice-error">
      <p>{error.message}</p>
      {unplaced.length > 0 ? (
        <ul>
          {unplaced.map(([field, message]) => (
            <li key={field}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="notice notice-success">
      {children}
    </div>
  );
}
