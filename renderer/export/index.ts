/** Public face of export: the dialog (mounted by the canvas) and the pure export functions. */
export { ExportDialog, runExport } from "./ExportDialog";
export { exportTemplateText, exportDiagramSvg, EXPORT_CHOICES, type ExportFormat } from "./formats";
export { diagramSvg } from "./diagram-svg";
