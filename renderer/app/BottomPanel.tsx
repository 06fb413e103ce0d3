/** The tabbed bottom panel; tabs come from the registry in panels.ts (ARIA tabs pattern). */
import { useRef, type KeyboardEvent } from "react";
import { useStore } from "../store";
import { bottomPanels, type BottomPanel as Panel } from "./panels";

function TabBadge({ panel }: { panel: Panel }) {
  const badge = panel.useBadge?.();
  return badge === null || badge === undefined ? null : <span className="tab-badge">{badge}</span>;
}

/** Calls the optional badge hook in its own component so hooks keep a stable order. */
function Badge({ panel }: { panel: Panel }) {
  return panel.useBadge ? <TabBadge panel={panel} /> : null;
}

export function BottomPanel() {
  const panels = bottomPanels();
  const selected = useStore((s) => s.bottomTab);
  const setTab = useStore((s) => s.setBottomTab);
  const active = panels.find((p) => p.id === selected) ?? panels[0];
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent) => {
    const at = panels.findIndex((p) => p.id === active.id);
    let next = -1;
    if (event.key === "ArrowRight") next = (at + 1) % panels.length;
    else if (event.key === "ArrowLeft") next = (at - 1 + panels.length) % panels.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = panels.length - 1;
    if (next < 0) return;
    event.preventDefault();
    setTab(panels[next].id);
    tabRefs.current.get(panels[next].id)?.focus();
  };

  const Active = active.component;
  return (
    <section className="region region-bottom" aria-label="Bottom panel">
      <div role="tablist" aria-label="Bottom panel tabs" className="tabs" onKeyDown={onKeyDown}>
        {panels.map((panel) => (
          <button
            key={panel.id}
            ref={(el) => {
              if (el) tabRefs.current.set(panel.id, el);
              else tabRefs.current.delete(panel.id);
            }}
            role="tab"
            id={`tab-${panel.id}`}
            aria-selected={panel.id === active.id}
            aria-controls={`tabpanel-${panel.id}`}
            tabIndex={panel.id === active.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(panel.id)}
          >
            {panel.title}
            <Badge panel={panel} />
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="tabpanel">
        <Active />
      </div>
    </section>
  );
}
