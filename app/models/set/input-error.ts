/**
 * A model-level refusal of otherwise well-formed input (a person who is not in the workspace, an
 * inquiry of another workspace). Routes turn it into a 400 with the messages against their fields.
 */
export class InputError extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join("; "));
  }
}

/** The actor may see the object but not do this to it; routes answer 403 (audited). */
export class ForbiddenError extends Error {}

/** Conform reply options from an InputError: the `form` key holds form-level messages. */
export function replyOptions(error: InputError): { formErrors?: string[]; fieldErrors: Record<string, string[]> } {
  const { form, ...fieldErrors } = error.fieldErrors;
  return { formErrors: form, fieldErrors };
}
