/**
 * The palette: every catalog card, grouped by category, filtered as the person types. A card can
 * be dragged onto the canvas, or activated (click / Enter) to add it at the centre of the view.
 */
import { memo, useMemo, useState, type DragEvent } from "react";
import { paletteCards, type CatalogCard } from "../../core/catalog";
import type { Category } from "../../core/model/types";
import { ResourceIcon } from "../canvas/icons";
import { useAddResource } from "../canvas/hooks";
import "./palette.css";

/** MIME type of a palette card being dragged; the canvas accepts only this. */
export const PALETTE_DRAG_TYPE = "application/x-flowform-kind";

const categoryTitles: Record<Category, string> = {
  api: "APIs",
  compute: "Compute",
  storage: "Storage",
  database: "Databases",
  messaging: "Messaging",
  integration: "Events",
  orchestration: "Workflows",
  security: "Identity",
  monitoring: "Monitoring",
  other: "Other",
};
const categoryOrder: Category[] = ["api", "compute", "storage", "database", "messaging", "integration", "orchestration", "security", "monitoring", "other"];

/**
 * Cards matching a search, by label, kind, description or CloudFormation type; cards whose name
 * matches come first (so "function" then Enter adds a function, not an API that mentions one).
 */
export function filterCards(cards: readonly CatalogCard[], query: string): CatalogCard[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...cards];
  const score = (card: CatalogCard) => {
    const name = `${card.label} ${card.kind}`.toLowerCase();
    return words.every((w) => name.split(/[\s-]+/).some((part) => part.startsWith(w))) ? 0 : words.every((w) => name.includes(w)) ? 1 : 2;
  };
  return cards
    .filter((card) => {
      const haystack = [card.label, card.kind, card.description, ...card.types].join(" ").toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .map((card, i) => ({ card, i, s: score(card) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.card);
}

export const Palette = memo(function Palette() {
  const [query, setQuery] = useState("");
  const cards = useMemo(() => paletteCards(), []);
  const shown = useMemo(() => filterCards(cards, query), [cards, query]);
  const groups = useMemo(
    () => categoryOrder.map((c) => ({ category: c, cards: shown.filter((card) => card.category === c) })).filter((g) => g.cards.length > 0),
    [shown],
  );
  const addResource = useAddResource();
  return (
    <div className="ff-palette">
      <div className="ff-palette__search">
        <input
          type="search"
          aria-label="Search resources"
          placeholder="Search resources…"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            // Enter in the search box adds the first match: type "que", Enter, and a queue appears.
            if (e.key === "Enter" && shown[0]) addResource(shown[0].kind);
          }}
        />
      </div>
      {groups.length === 0 && <p className="ff-palette__empty">No resource matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.category} className="ff-palette__group" aria-label={categoryTitles[group.category]}>
          <h3>{categoryTitles[group.category]}</h3>
          <ul>
            {group.cards.map((card) => (
              <li key={card.kind}>
                <PaletteCard card={card} onAdd={addResource} enterAdds={query.trim() !== "" && card === shown[0]} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
});

const PaletteCard = memo(function PaletteCard({ card, onAdd, enterAdds }: { card: CatalogCard; onAdd: (kind: string) => void; enterAdds: boolean }) {
  const onDragStart = (event: DragEvent<HTMLButtonElement>) => {
    event.dataTransfer.setData(PALETTE_DRAG_TYPE, card.kind);
    event.dataTransfer.setData("text/plain", card.label);
    event.dataTransfer.effectAllowed = "copy";
  };
  return (
    <button
      type="button"
      className={`ff-palette__card${enterAdds ? " ff-palette__card--first" : ""}`}
      draggable
      onDragStart={onDragStart}
      onClick={() => onAdd(card.kind)}
      aria-label={`Add ${card.label}`}
      title={`${card.description}. Drag onto the canvas, or press Enter to add it at the centre.`}
    >
      <ResourceIcon icon={card.icon} category={card.category} size={26} />
      <span className="ff-palette__label">{card.label}</span>
    </button>
  );
});
