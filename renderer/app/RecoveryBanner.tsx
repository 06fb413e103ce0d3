/** Offers unsaved edits left by a session that ended without saving (crash, kill). */
import { useStore } from "../store";
import { FlowformError } from "../transport";

export function RecoveryBanner() {
  const offer = useStore((s) => s.recoveryOffer);
  if (!offer) return null;
  const when = new Date(offer.savedAt).toLocaleString();
  const act = (action: () => Promise<void>, done: string) => () => {
    action()
      .then(() => useStore.getState().setStatus(done))
      .catch((error: unknown) => useStore.getState().setStatus(FlowformError.from(error).message, "error"));
  };
  return (
    <div className="banner" role="region" aria-label="Recovered changes">
      <p>
        Unsaved changes to <strong>{offer.name}</strong> from {when} were recovered.
      </p>
      <button type="button" onClick={act(() => useStore.getState().restoreRecovery(), "Recovered changes restored (not saved yet)")}>
        Restore
      </button>
      <button type="button" onClick={act(() => useStore.getState().discardRecovery(), "Recovered changes discarded")}>
        Discard
      </button>
    </div>
  );
}
