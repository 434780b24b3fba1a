// Mounts an embed the way a customer page would, and records how mount()
// ended in window.__result (tests/embed.test.mjs reads it).
const here = new URL(location.href);
const playerOrigin = `${here.protocol}//${here.hostname === "127.0.0.1" ? "localhost" : "127.0.0.1"}:${here.port}`;
try {
  const { mount } = await import(`${playerOrigin}/pkg/embed/percus-embed.js`);
  const embed = await mount(document.getElementById("video"), {
    player: `${playerOrigin}/player.html`,
    template: "greeting",
    data: { first_name: "Ann" },
  });
  embed.on("rendered", () => (window.__result = { rendered: true }));
} catch (e) {
  window.__result = { name: e.name, code: e.code, message: e.message };
}
