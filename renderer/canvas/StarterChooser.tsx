/**
 * What an empty project offers: start blank (drag cards from the palette) or from one of the
 * starters (core/starters). Shown on the empty canvas after New, so "New" stays one click and
 * the choice sits where the diagram will appear.
 */
import { STARTERS } from "../../core";
import { useStore } from "../store";

export function chooseStarter(id: string): void {
  const starter = STARTERS.find((s) => s.id === id);
  if (!starter) return;
  // "load": a starter is a new document (fresh history, auto-layout), not an edit of the blank one.
  useStore.getState().setTemplateText(starter.template, "load");
  useStore.getState().setStatus(`Started from “${starter.title}”`);
}

export function StarterChooser() {
  const starters = STARTERS.filter((s) => s.id !== "blank");
  return (
    <section className="ff-starters" aria-label="Start from a starter">
      <h2>Start designing</h2>
      <p>Drag a resource from the palette onto the canvas, or start from a common shape:</p>
      <ul>
        {starters.map((s) => (
          <li key={s.id}>
            <button type="button" onClick={() => chooseStarter(s.id)} aria-describedby={`ff-starter-${s.id}`}>
              {s.title}
            </button>
            <span id={`ff-starter-${s.id}`} className="ff-starters__description">
              {s.description}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
