// BackstopJS onReadyScript (puppeteer), run once the screen's ready selector is there. A
// full-page capture draws what lies below the viewport without painting it first, so the Users
// table's sticky user column came out blank there on some runs. The viewport is grown to the
// whole page and the page paints twice before the capture, so every pixel captured was painted.
// Not under an open modal dialog, which is centred in the viewport and would move.
module.exports = async (page, _scenario, viewport) => {
  const [height, modal] = await page.evaluate(() => [
    document.documentElement.scrollHeight,
    document.querySelector("dialog[open]") !== null,
  ]);
  if (height > viewport.height && !modal) {
    await page.setViewport({ width: viewport.width, height });
  }
  await page.evaluate(
    () => new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted))),
  );
};
