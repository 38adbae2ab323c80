// End-to-end check of `fairwatch serve` as a person uses it, in the system's headless Chromium:
// search with a misspelling, open the firm, follow one of its fairs, open a country, download a CSV,
// ask the four questions for a window, and check the main pages with axe-core (no serious or critical violations). Screenshots go to the
// folder given. Usage: node e2e.mjs BASE_URL SCREENSHOT_DIR. Exits non-zero on the first failure.

import { chromium } from "playwright-core";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node e2e.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function accessible(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  for (const v of bad) console.error(`${name}: ${v.impact} ${v.id}: ${v.help} (${v.nodes.length} nodes)`);
  check(bad.length === 0, `${name}: ${bad.length} serious or critical accessibility violations`);
  console.log(`axe ${name}: ${result.violations.length} violations, none serious or critical`);
}

async function shot(page, name) {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  // Axe is evaluated in the page: the server's CSP (no scripts) is bypassed for the test only.
  const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();

  await page.goto(base + "/");
  check((await page.locator("svg").count()) > 0, "the overview has charts");
  await shot(page, "overview");
  await accessible(page, "overview");

  await page.fill("#site-q", "celebrite");
  await page.click("header form button");
  await page.waitForURL(/\/search\?q=celebrite/);
  const first = page.locator("main table").first().locator("tbody tr a").first();
  check((await first.textContent()).includes("Cellebrite"), "a misspelling finds Cellebrite");
  await shot(page, "search");
  await accessible(page, "search");

  await first.click();
  await page.waitForURL(/\/firm\/fg-/);
  check((await page.locator("h1").textContent()).includes("Cellebrite"), "the firm page opens");
  check((await page.content()).includes("Fairs attended"), "the firm page lists its fairs");
  await shot(page, "firm");
  await accessible(page, "firm");

  await page.locator("a[href^='/fair/']").first().click();
  await page.waitForURL(/\/fair\//);
  check((await page.content()).includes("Exhibitors"), "the fair page lists exhibitors");
  await shot(page, "fair");
  await accessible(page, "fair");

  const country = page.locator("main a[href^='/country/']").first();
  check((await country.count()) > 0, "the fair links its host country");
  await country.click();
  await page.waitForURL(/\/country\//);
  check((await page.content()).includes("Fairs hosted"), "the country page opens");
  await shot(page, "country");
  await accessible(page, "country");

  await page.goto(base + "/search?confidence=high");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("text=Download these firms as CSV"),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  check(csv.startsWith("id,name,kind,confidence"), "the CSV download has its header");
  check(csv.split("\n").length > 5, "the CSV download has firms");
  console.log(`download ${download.suggestedFilename() || "firms.csv"}: ${csv.split("\n").length - 1} lines`);

  // The four questions, live: a window and a fair chosen in the form.
  await page.goto(base + "/questions");
  await page.fill("input[name=from]", "2000");
  await page.fill("input[name=to]", "2021");
  await page.fill("input[name=fairs]", "milipol-paris");
  await page.click("main form button");
  await page.waitForURL(/\/questions\?from=2000/);
  const headline = await page.locator("ul.headline li").first().textContent();
  check(/Firms marketing interception\/intrusion: [1-9]/.test(headline), `the window has flagged firms: ${headline}`);
  check((await page.locator("main h2#q4").count()) === 1, "the four questions are answered");
  await shot(page, "questions");
  await accessible(page, "questions");

  await page.goto(base + "/downloads");
  await accessible(page, "downloads");
  console.log("browser checks passed");
} finally {
  await browser.close();
}
