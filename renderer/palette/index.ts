export { Palette as default, Palette, PALETTE_DRAG_TYPE, filterCards } from "./Palette";
