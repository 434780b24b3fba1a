// Player page hardening (issue "Privacy and security proof"): the headers
// the player page is served with (docs/headers.md: what a CDN must set)
// and that the browser enforces them inside the player: no eval, no HTML
// sinks without Trusted Types, no request to any origin but the template
// store's, no image from elsewhere.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addBarePlayers, directives, recordedPage, sharedEnv, waitForRaw } from "./harness.mjs";

const env = sharedEnv();

describe("player page hardening", () => {
  test("player.html is served with a strict CSP, Trusted Types, no referrer and no powerful features", async () => {
    const response = await fetch(`${env.playerOrigin}/player.html?template=greeting`);
    assert.equal(response.status, 200);
    const csp = directives(response.headers.get("content-security-policy"));
    assert.deepEqual(csp["default-src"], ["'none'"]);
    assert.deepEqual(csp["script-src"], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(csp["connect-src"], ["'self'"]);
    assert.deepEqual(csp["font-src"], ["'self'"]);
    assert.deepEqual(csp["img-src"], ["'self'", "data:", "blob:"]);
    assert.deepEqual(csp["require-trusted-types-for"], ["'script'"]);
    assert.deepEqual(csp["trusted-types"], ["'none'"]);
    assert.deepEqual(csp["base-uri"], ["'none'"]);
    assert.deepEqual(csp["form-action"], ["'none'"]);
    assert.deepEqual(csp["frame-ancestors"].sort(), [env.hostOrigin, env.playerOrigin].sort());
    const all = Object.values(csp).flat();
    for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "*"]) assert.ok(!all.includes(unsafe), unsafe);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    assert.equal(response.headers.get("x-content-type-options"), "nosniff");
    assert.match(response.headers.get("permissions-policy"), /camera=\(\).*microphone=\(\).*geolocation=\(\)/);
    // The designer preview is embedded nowhere.
    const preview = directives((await fetch(`${env.hostOrigin}/preview.html`)).headers.get("content-security-policy"));
    assert.deepEqual(preview["frame-ancestors"], ["'none'"]);
    assert.deepEqual(preview["connect-src"], ["'self'"]);
  });

  test("inside the player, the browser refuses string code, HTML sinks, other origins and their images", async () => {
    const { context, page } = await recordedPage(env);
    await page.goto(`${env.hostOrigin}/test/host.html`);
    await addBarePlayers(page, env, [{ name: "p", host: env.hostOrigin }]);
    await waitForRaw(page, "p", "PERCUS/READY");
    const result = await page.frame({ name: "p" }).evaluate(async (elsewhere) => {
      const violations = [];
      addEventListener("securitypolicyviolation", (e) => violations.push(e.effectiveDirective));
      const outcome = {};
      // A string timer is compiled like eval (code run from the test
      // itself is exempt from CSP, so eval() there would prove nothing).
      window.__ran = false;
      try {
        setTimeout("window.__ran = true");
        outcome.timer = "scheduled";
      } catch (error) {
        outcome.timer = error.name; // Trusted Types: a string is not a TrustedScript
      }
      await new Promise((r) => setTimeout(r, 50));
      outcome.ran = window.__ran;
      try {
        document.createElement("div").innerHTML = "<b>x</b>";
        outcome.innerHTML = "allowed";
      } catch (error) {
        outcome.innerHTML = error.name;
      }
      try {
        await fetch(`${elsewhere}/templates/greeting/manifest.json`);
        outcome.fetch = "allowed";
      } catch (error) {
        outcome.fetch = error.name;
      }
      outcome.image = await new Promise((resolve) => {
        const image = new Image();
        image.onload = () => resolve("loaded");
        image.onerror = () => resolve("blocked");
        image.src = `${elsewhere}/favicon.ico`;
      });
      await new Promise((r) => setTimeout(r, 100));
      outcome.violations = [...new Set(violations)].sort();
      return outcome;
    }, env.hostOrigin);
    assert.equal(result.timer, "TypeError");
    assert.equal(result.ran, false);
    assert.equal(result.innerHTML, "TypeError");
    assert.equal(result.fetch, "TypeError");
    assert.equal(result.image, "blocked");
    assert.deepEqual(result.violations, ["connect-src", "img-src", "require-trusted-types-for"]);
    await context.close();
  });
});
