/**
 * The in-page menu: the same commands as the Electron application menu, so the web host has
 * them too. Shows the project name with an unsaved marker.
 */
import { useSyncExternalStore } from "react";
import type { MenuCommand } from "../../preload/api";
import { useStore } from "../store";
import { isCommandAvailable, onCommandsChanged, runCommand } from "./commands";

function useAvailable(command: MenuCommand): boolean {
  return useSyncExternalStore(onCommandsChanged, () => isCommandAvailable(command));
}

function CommandButton({ command, label, title, pressed }: { command: MenuCommand; label: string; title?: string; pressed?: boolean }) {
  const available = useAvailable(command);
  if (!available) return null;
  return (
    <button type="button" className="tool" title={title ?? label} aria-pressed={pressed} onClick={() => void runCommand(command)}>
      {label}
    </button>
  );
}

export function Toolbar() {
  const name = useStore((s) => s.project?.name);
  const dir = useStore((s) => s.project?.dir);
  const dirty = useStore((s) => s.dirty);
  const panels = useStore((s) => s.panels);
  const theme = useStore((s) => s.theme);

  return (
    <header className="topbar">
      <div className="brand" aria-hidden="true">
        Flowform
      </div>
      <div role="toolbar" aria-label="Project" className="toolgroup">
        <CommandButton command="project.new" label="New" title="New project" />
        <CommandButton command="project.open" label="Open…" title="Open a project folder or template" />
        <CommandButton command="project.save" label="Save" title="Save (Ctrl+S)" />
        <CommandButton command="project.saveAs" label="Save As…" title="Save in another folder" />
        <CommandButton command="project.export" label="Export…" title="Export the template" />
      </div>
      <div role="toolbar" aria-label="Edit" className="toolgroup">
        <CommandButton command="edit.undo" label="Undo" />
        <CommandButton command="edit.redo" label="Redo" />
      </div>
      <h1 className="project-title" title={dir ?? "Not saved yet"}>
        <span data-testid="project-name">{name ?? "Flowform"}</span>
        {dirty && (
          <span className="unsaved" role="img" aria-label="unsaved changes" title="Unsaved changes">
            ●
          </span>
        )}
      </h1>
      <div role="toolbar" aria-label="View" className="toolgroup">
        <CommandButton command="view.togglePalette" label="Palette" title="Show or hide the palette" pressed={panels.palette} />
        <CommandButton command="view.toggleInspector" label="Inspector" title="Show or hide the inspector" pressed={panels.inspector} />
        <CommandButton command="view.toggleBottomPanel" label="Panel" title="Show or hide the bottom panel" pressed={panels.bottom} />
        <CommandButton
          command="view.toggleTheme"
          label={theme === "system" ? "Theme: system" : `Theme: ${theme}`}
          title={theme === "system" ? "Following the system's light/dark setting; click for the other theme" : "Click to follow the system's light/dark setting again"}
        />
        <CommandButton command="help.about" label="About" title="About Flowform" />
      </div>
    </header>
  );
}
