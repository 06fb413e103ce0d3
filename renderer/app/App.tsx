/**
 * The Flowform window: toolbar and title on top; palette (left), canvas (centre), inspector
 * (right); the bottom panel with its tabs (renderer/app/panels.ts); the status bar. Each region
 * renders the component exported by its feature folder's index.ts; the shell owns only the
 * frame, the project commands and the dialogs.
 */
import { Canvas } from "../canvas";
import { Inspector } from "../inspector";
import { Palette } from "../palette";
import { useStore } from "../store";
import { BottomPanel } from "./BottomPanel";
import { ConfirmDialog, PathPrompt } from "./dialogs";
import { useAutosave, useStartup, useTheme, useUnsavedGuard, usePageShortcuts, useWindowTitle } from "./effects";
import { RecoveryBanner } from "./RecoveryBanner";
import { StatusBar } from "./StatusBar";
import { Toolbar } from "./Toolbar";

export function App() {
  useStartup();
  useTheme();
  useWindowTitle();
  useAutosave();
  usePageShortcuts();
  useUnsavedGuard();
  const panels = useStore((s) => s.panels);

  return (
    <div
      className="app"
      data-palette={panels.palette}
      data-inspector={panels.inspector}
      data-bottom={panels.bottom}
    >
      <Toolbar />
      <RecoveryBanner />
      <div className="workspace">
        {panels.palette && (
          <aside className="region region-palette" aria-label="Palette">
            <Palette />
          </aside>
        )}
        <main className="region region-canvas" aria-label="Canvas">
          <Canvas />
        </main>
        {panels.inspector && (
          <aside className="region region-inspector" aria-label="Inspector">
            <Inspector />
          </aside>
        )}
      </div>
      {panels.bottom && <BottomPanel />}
      <StatusBar />
      <PathPrompt />
      <ConfirmDialog />
    </div>
  );
}
