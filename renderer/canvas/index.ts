/** Public face of the canvas: the diagram region, and the pieces other features reuse. */
export { Canvas } from "./Canvas";
export { ResourceIcon, categoryColor, iconSvgMarkup } from "./icons";
export { addResource, connectResources, renameResource, deleteSelection } from "./actions";
export { resourceIndex, useResource } from "./hooks";
