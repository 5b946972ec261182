/** Errors sit right under their field, are announced when they appear, and are tied to the field for screen readers. */

export const errorId = (field: string) => `${field}-error`;

export function FieldError({ field, message }: { field: string; message: string | undefined }) {
  return message ? (
    <p className="error" id={errorId(field)} role="alert">
      {message}
    </p>
  ) : null;
}

/** An error about the whole form (not one field), announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p className="error" role="alert">
      {message}
    </p>
  ) : null;
}

/** `aria-describedby` (hint and error) and `aria-invalid` for a field. */
export function describedBy(field: string, message: string | undefined, hintId?: string) {
  const ids = [hintId, message ? errorId(field) : undefined].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': message ? true : undefined };
}
