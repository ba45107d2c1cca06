// A finding of a data check (docs/domain.md#三龄两历-checks): what is wrong, how bad, and which field to fix.

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable id of the rule, e.g. 'idNumber.birth'; screens group and filter by it. */
  readonly rule: string;
  readonly severity: Severity;
  /** Plain Chinese: what is wrong and, where it helps, what to do. */
  readonly message: string;
  /**
   * Path to the field to fix: a basic-record field ('birth', 'fullTimeEducation.education') or a sub-record
   * field ('career.<entry id>.from', 'education.<id>.to'); 'career' alone when the whole table is concerned.
   */
  readonly field: string;
}
