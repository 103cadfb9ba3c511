/**
 * Why an untrusted flow cannot run for real, and the "Trust this flow" button (DESIGN.md
 * "Security": imported or downloaded flows run only in simulation until the user trusts them,
 * like editor workspace trust). Shown in the Run dialog.
 */
import { useState } from 'react';
import { useActions, useAppStore } from '../app-context';
import '../styles/interop.css';

/** The notice; `id` lets the disabled Start run button point at it (aria-describedby). */
export function TrustNotice(p: { id: string }) {
  const actions = useActions();
  const reason = useAppStore((s) => s.trustReason);
  const [isTrusting, setTrusting] = useState(false);
  return (
    <div className="trust-box" role="note">
      <p id={p.id}>
        This flow is not trusted{reason ? `: ${reason}` : ''}. It can be simulated, but not run for real until you
        trust it: its shell, HTTP and script steps would run on this machine. Read it first.
      </p>
      <button type="button" className="btn" disabled={isTrusting}
        onClick={() => {
          setTrusting(true);
          void actions.trustFlow().finally(() => setTrusting(false));
        }}>
        Trust this flow
      </button>
    </div>
  );
}
