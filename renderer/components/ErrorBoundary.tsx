import { Component, type ErrorInfo, type ReactNode } from 'react';

/** What a boundary caught, for its fallback to show and report. */
export interface CaughtError {
  error: unknown;
  componentStack: string | null;
  at: Date;
  /** location.hash when it happened: the fallback may render after the user navigated. */
  hash: string;
  /** Render the children again (after the user chose to retry or go elsewhere). */
  reset: () => void;
}

interface Props {
  children: ReactNode;
  /** Changing this clears a caught error: the boundary of the page area resets when the route changes. */
  resetKey: string;
  fallback: (caught: CaughtError) => ReactNode;
}

type State = { caught: null } | { caught: Omit<CaughtError, 'reset'> };

/**
 * Catches an error thrown while rendering its children and shows `fallback` instead of unmounting the whole
 * window (React's default, which leaves a white screen). Errors in event handlers and promises do not reach a
 * boundary; those paths show their own message (messageOf).
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { caught: null };

  static getDerivedStateFromError(error: unknown): State {
    return { caught: { error, componentStack: null, at: new Date(), hash: window.location.hash } };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState((s) => (s.caught ? { caught: { ...s.caught, componentStack: info.componentStack ?? null } } : s));
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.caught && previous.resetKey !== this.props.resetKey) this.reset();
  }

  reset = (): void => this.setState({ caught: null });

  override render(): ReactNode {
    return this.state.caught ? this.props.fallback({ ...this.state.caught, reset: this.reset }) : this.props.children;
  }
}
