// The career map: pointing at or focusing a box lights the moves into and out of it and fades
// the others. The drawing and its lists work without this.
(() => {
  const drawing = document.querySelector(".map-svg");
  if (!drawing) return;
  const moves = [...drawing.querySelectorAll(".map-edge")];
  const light = (key) => {
    drawing.classList.toggle("is-lit", key !== null);
    for (const move of moves) {
      const lit = key !== null && (move.dataset.from === key || move.dataset.to === key);
      move.classList.toggle("is-lit", lit);
    }
  };
  for (const box of drawing.querySelectorAll(".map-node")) {
    box.addEventListener("pointerenter", () => light(box.dataset.key));
    box.addEventListener("pointerleave", () => light(null));
    box.addEventListener("focus", () => light(box.dataset.key));
    box.addEventListener("blur", () => light(null));
  }
})();
