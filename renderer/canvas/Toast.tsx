/**
 * The refusal / note bubble, shown where the person is looking (at the cursor where a wire was
 * dropped), announced to screen readers, dismissed by Escape, a click elsewhere, or after a while.
 */
import { memo, useEffect } from "react";
import { useStore } from "../store";

/** Long enough to read two sentences. */
const TOAST_MS = 9000;

/** Memoized: it sits inside the canvas, which re-renders on every drag step. */
export const CanvasToastView = memo(function CanvasToastView() {
  const toast = useStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => {
      if (useStore.getState().toast?.id === toast.id) useStore.getState().dismissToast();
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  const left = Math.max(8, Math.min(toast.x + 12, window.innerWidth - 380));
  const top = Math.max(8, Math.min(toast.y + 12, window.innerHeight - 140));
  return (
    <div className={`ff-toast ff-toast--${toast.tone}`} role="alert" style={{ left, top }}>
      <div className="ff-toast__message">{toast.message}</div>
      {toast.detail && <div className="ff-toast__detail">{toast.detail}</div>}
      <button type="button" className="ff-toast__close" aria-label="Dismiss" onClick={() => useStore.getState().dismissToast()}>
        ×
      </button>
    </div>
  );
});
