// The device pixel ratio a chart is drawn at, and a watch for its changes. A chart is laid out
// in CSS pixels and its encoding drawn at this ratio (batuta.render's `scale`), so the canvas'
// backing store is its CSS size times the ratio and text is rasterized at that size rather than
// upscaled by the browser. Clamped to 1..3 (the sizes the glyph atlas holds) and so that no side
// exceeds the renderer's 8192 px.

export const MAX_SIDE = 8192;

/** The ratio to draw a `w` x `h` CSS pixel chart at (either 0: the screen's, clamped to 1..3). */
export function chartPixelRatio(w = 0, h = 0) {
  const ratio = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
  return w > 0 && h > 0 ? Math.min(ratio, MAX_SIDE / w, MAX_SIDE / h) : ratio;
}

/**
 * Call `onChange` whenever the device pixel ratio changes (a move to another screen, a browser
 * zoom): a `(resolution: Ndppx)` media query fires once when the ratio leaves N, and is then
 * armed again for the new ratio. Returns a function that stops watching.
 */
export function watchPixelRatio(onChange) {
  let query = null;
  const arm = () => {
    query?.removeEventListener?.("change", fire);
    query = window.matchMedia?.(`(resolution: ${window.devicePixelRatio || 1}dppx)`) || null;
    query?.addEventListener?.("change", fire);
  };
  function fire() {
    arm();
    onChange(window.devicePixelRatio || 1);
  }
  arm();
  return () => query?.removeEventListener?.("change", fire);
}
