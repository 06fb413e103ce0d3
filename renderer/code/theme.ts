/**
 * The app's theme as Monaco should draw it. The shell sets <html data-theme="light|dark">
 * (following the OS or the user's choice); the editors follow it.
 */
import { useEffect, useState } from "react";

export type MonacoTheme = "vs" | "vs-dark";

function read(): MonacoTheme {
  return document.documentElement.dataset.theme === "dark" ? "vs-dark" : "vs";
}

export function useMonacoTheme(): MonacoTheme {
  const [theme, setTheme] = useState<MonacoTheme>(read);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(read()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
