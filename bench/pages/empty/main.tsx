/** Startup baseline: the smallest Vite + React page that renders something interactive. */
import { useEffect } from "react";
import { createRoot } from "react-dom/client";

function Empty() {
  useEffect(() => {
    document.documentElement.dataset.benchReady = "1";
  }, []);
  return <button type="button">Ready</button>;
}

createRoot(document.getElementById("root")!).render(<Empty />);
