/**
 * Keeps one view's render failure from blanking the whole designer. The code view may hold any
 * YAML that parses (issue #8: "invalid intermediate text is allowed"), so a view can meet shapes
 * the schema forbids; it should cope, and where it does not, the other views stay usable and the
 * failed one says so and tries again after the next edit (`resetKey`).
 */
import { Component, type ReactNode } from 'react';
import { useAppStore } from './app-context';
import { i18n } from './i18n';

interface Props {
  /** Which view this is, for the message ("Canvas", "Inspector"…). */
  name: string;
  /** When this changes (the document text version), a failed view renders again. */
  resetKey: unknown;
  children: ReactNode;
}

interface State {
  error: Error | null;
  failedAt: unknown;
}

/** An error boundary around one view of the designer. */
export class ViewBoundary extends Component<Props, State> {
  override state: State = { error: null, failedAt: undefined };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (state.error && state.failedAt !== undefined && state.failedAt !== props.resetKey) return { error: null, failedAt: undefined };
    if (state.error && state.failedAt === undefined) return { failedAt: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error): void {
    console.error(`${this.props.name} failed to render:`, error);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="view-failed" role="alert" data-view-failed={this.props.name}>
        {i18n.t('notices.viewFailed', { view: this.props.name, error: this.state.error.message })}
      </div>
    );
  }
}

/**
 * A ViewBoundary that retries after each document change. Only this wrapper re-renders on an
 * edit: `children` keep their identity, so React leaves the view itself alone.
 */
export function Guard({ name, children }: { name: string; children: ReactNode }) {
  const textVersion = useAppStore((s) => s.textVersion);
  return (
    <ViewBoundary name={name} resetKey={textVersion}>
      {children}
    </ViewBoundary>
  );
}
