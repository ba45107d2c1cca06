/**
 * An error whose message is meant for the person at the keyboard: plain Chinese, says what was wrong and what to
 * do. Anything else that escapes is a defect and is reported as such.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A UserError that belongs to one field of a form (path like 'idNumber' or 'career.<id>.from'). */
export class FieldError extends UserError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'FieldError';
  }
}
