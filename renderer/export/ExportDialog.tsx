/**
 * Export: the template (SAM or CloudFormation, YAML or JSON) or the diagram (SVG, PNG), saved as
 * a file. Opened by the toolbar's Export… button and the menu's File › Export.
 */
import { memo, useEffect, useRef, useState } from "react";
import { registerCommand } from "../app/commands";
import { useStore } from "../store";
import { download, EXPORT_CHOICES, exportDiagramSvg, exportTemplateText, svgToPng, type ExportFormat } from "./formats";
import "./export.css";

let openDialog: (() => void) | null = null;

/** Registers File › Export while the dialog host is mounted. */
export function useExportCommand(): void {
  useEffect(() => registerCommand("project.export", () => openDialog?.()), []);
}

function baseName(): string {
  const s = useStore.getState();
  const name = s.project?.name && s.project.name !== "Untitled" ? s.project.name : "template";
  return name.replace(/[^A-Za-z0-9._-]+/g, "-");
}

/** Export in a format; returns the file name and, for CloudFormation, what still needs the SAM transform. */
export async function runExport(format: ExportFormat): Promise<{ fileName: string; unsupported: string[] }> {
  const s = useStore.getState();
  const choice = EXPORT_CHOICES.find((c) => c.format === format)!;
  const fileName = format === "svg" || format === "png" ? `${baseName()}-diagram.${choice.extension}` : `${baseName()}.${choice.extension}`;
  if (format === "svg" || format === "png") {
    if (!s.lastGoodModel) throw new Error("There is no diagram to export.");
    const dark = document.documentElement.getAttribute("data-theme") === "dark";
    const svg = exportDiagramSvg(s.lastGoodModel, s.nodes, s.edges, dark);
    download(format === "svg" ? new Blob([svg], { type: choice.mime }) : await svgToPng(svg), fileName);
    return { fileName, unsupported: [] };
  }
  const { text, unsupported } = exportTemplateText(format, s.templateText, s.project?.templateFile);
  download(new Blob([text], { type: choice.mime }), fileName);
  return { fileName, unsupported };
}

/** Memoized: it sits inside the canvas, which re-renders on every drag step. */
export const ExportDialog = memo(function ExportDialog() {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>("sam-yaml");
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useExportCommand();
  useEffect(() => {
    openDialog = () => {
      setError(null);
      setOpen(true);
    };
    return () => {
      openDialog = null;
    };
  }, []);
  useEffect(() => {
    if (open) requestAnimationFrame(() => dialog.current?.querySelector<HTMLInputElement>("input:checked")?.focus());
  }, [open]);
  if (!open) return null;
  const submit = async () => {
    try {
      const { fileName, unsupported } = await runExport(format);
      setOpen(false);
      useStore
        .getState()
        .setStatus(
          unsupported.length
            ? `Exported ${fileName}; ${unsupported.length} part(s) still need the SAM transform: ${unsupported.join("; ")}`
            : `Exported ${fileName}`,
          unsupported.length ? "error" : "info",
        );
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="ff-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && setOpen(false)}>
      <div
        className="ff-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="ff-export-title"
        ref={dialog}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
      >
        <h2 id="ff-export-title">Export</h2>
        <fieldset>
          <legend>Format</legend>
          {EXPORT_CHOICES.map((c) => (
            <label key={c.format}>
              <input type="radio" name="ff-export-format" value={c.format} checked={format === c.format} onChange={() => setFormat(c.format)} />
              {c.label}
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="ff-modal__error" role="alert">
            {error}
          </p>
        )}
        <div className="ff-modal__actions">
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={() => void submit()}>
            Export file
          </button>
        </div>
      </div>
    </div>
  );
});
