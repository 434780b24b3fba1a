// Screenshots of the designer preview for docs/preview.md (run by hand:
// `node scripts/generators/preview-screenshots.mjs`, after `npm start`'s build). Opens
// the demo template "member" as a designer would, with the samples, with
// the longest allowed data (texts outlined), and the stress grid.
import { launchChromium } from "../lib/browser.mjs";
import { startServer } from "../lib/serve.mjs";

const out = new URL("../../docs/preview/", import.meta.url).pathname;
const server = await startServer(0);
const origin = `http://localhost:${server.address().port}`;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await page.goto(`${origin}/preview.html`);
await page.selectOption("#demo", "member");
await page.waitForSelector("#workspace:not([hidden])");
await page.fill("#scrub", "60");
await page.dispatchEvent("#scrub", "input");
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}member-samples.png`, fullPage: true });
await page.click('[data-preset="longest"]');
await page.waitForTimeout(300);
await page.screenshot({ path: `${out}member-longest.png`, fullPage: true });
await page.click("#grid-toggle");
await page.waitForFunction(() => document.querySelectorAll("#grid figure").length >= 9);
await page.waitForTimeout(300);
await (await page.$("#grid")).screenshot({ path: `${out}member-grid.png` });
await browser.close();
server.close();
