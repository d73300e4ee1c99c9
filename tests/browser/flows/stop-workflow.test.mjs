// Acceptance flow (2): a running workflow is stopped from its instance page. Set-up (tenant,
// project, import, release, start) goes through the REST API; watching the live log and stopping
// go through the UI.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { Api } from '../lib/api.mjs';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, openPage, screenshot } from '../lib/browser.mjs';
import { closeDrawers, confirmPopover, eventually, expect, login, UI, waitForPath } from '../lib/ui.mjs';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/long-running.json');

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const node = (page, name) => page.locator(`[data-testid="dag-node"][data-task-name="${name}"]`);

test('stop a running workflow from its instance page', { timeout: 180000 }, async () => {
  const api = await new Api(server.baseUrl).login();
  const projectCode = await api.prepareProject({ tenantCode: os.userInfo().username, projectName: 'stop_demo' });
  await api.importFile(projectCode, fixture);
  const [definition] = await api.definitions(projectCode);
  await api.release(projectCode, definition);
  await api.start(projectCode, definition.code);
  const instance = await eventually(async () => (await api.instances(projectCode, definition.code))[0], { message: 'instance created' });

  const { page, context, problems } = await openPage(browser, server.baseUrl);
  try {
    await login(page);
    await waitForPath(page, /\/(home|getting-started)/);
    await page.goto(`${UI}/projects/${projectCode}/workflow/instances`);
    const row = page.locator(`[data-testid="instance-row"][data-name="${instance.name}"]`);
    await row.waitFor();
    await row.getByTestId('instance-link').click();

    // the task runs: its node is shown running and its log grows live
    await eventually(async () => (await node(page, 'long_task').getAttribute('data-status')) === 'RUNNING_EXECUTION', {
      timeout: 60000,
      message: 'long_task running',
    });
    expect.equal(await page.getByTestId('instance-state').getAttribute('data-state'), 'RUNNING_EXECUTION');
    await page.getByTestId('instance-live').waitFor();
    await node(page, 'long_task').click();
    await page.getByTestId('drawer-view-log').click();
    const log = page.getByTestId('log-body');
    await eventually(async () => /tick 3\b/.test(await log.innerText()), { timeout: 30000, message: 'live log lines' });
    expect.equal(await page.getByTestId('log-status').getAttribute('data-done'), 'false');
    await screenshot(page, 'flow2-01-live-log');
    await closeDrawers(page);
    await screenshot(page, 'flow2-02-running');

    // stop it
    await page.getByTestId('instance-stop').click();
    await confirmPopover(page);
    await page.locator('[data-testid="instance-state"][data-state="STOP"]').waitFor({ timeout: 60000 });
    await eventually(async () => (await node(page, 'long_task').getAttribute('data-status')) === 'KILL', { message: 'long_task killed' });
    const after = await node(page, 'after_long').getAttribute('data-status');
    expect.ok(after === 'NOT_RUN' || after === 'SKIPPED', `after_long should not have run, it shows ${after}`);
    await screenshot(page, 'flow2-03-stopped');

    // the list agrees, and offers rerun / resume instead of stop
    await page.goto(`${UI}/projects/${projectCode}/workflow/instances`);
    await row.waitFor();
    expect.equal(await row.getAttribute('data-state'), 'STOP');
    expect.equal(await row.getByTestId('instance-stop').count(), 0);
    await row.getByTestId('instance-rerun').waitFor();
    expect.equal(problems.filter((p) => p.startsWith('page error')).length, 0, problems.join('\n'));
  } catch (error) {
    await screenshot(page, 'flow2-failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});
