// Acceptance flow (1), entirely through the UI: log in, create a tenant, bind it to admin,
// create a project, import a DolphinScheduler JSON workflow that contains a SWITCH, release it,
// run it with a start parameter that picks the "slow" branch, watch the instance reach SUCCESS
// with the chosen branch shown and the other branches marked skipped, and open a task log.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, openPage, screenshot } from '../lib/browser.mjs';
import { chooseOption, closeDrawers, eventually, expect, login, openModal, UI, waitForPath } from '../lib/ui.mjs';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/switch-workflow.json');
const tenantCode = os.userInfo().username;

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

test('import a SWITCH workflow, run it and watch the chosen branch succeed', { timeout: 240000 }, async () => {
  const { page, context, problems } = await openPage(browser, server.baseUrl);
  try {
    // 1. log in: a fresh installation starts with the guide
    await login(page);
    await waitForPath(page, /\/getting-started/);

    // 2. create a tenant (the guide's button opens the dialog)
    await page.getByTestId('step-action-tenant').click();
    await waitForPath(page, /\/security\/tenants/);
    await openModal(page).getByTestId('tenant-code').fill(tenantCode);
    await screenshot(page, 'flow1-01-create-tenant');
    await openModal(page).getByTestId('modal-ok').click();
    await page.locator('.ant-table-row', { hasText: tenantCode }).waitFor();

    // 3. bind it to admin
    await page.goto(`${UI}/getting-started`);
    await page.getByTestId('step-action-bind').click();
    await waitForPath(page, /\/security\/users/);
    await openModal(page).getByTestId('user-name').waitFor();
    await chooseOption(page, 'user-tenant', tenantCode);
    await screenshot(page, 'flow1-02-bind-tenant');
    await openModal(page).getByTestId('modal-ok').click();
    await page.locator('.ant-table-row', { hasText: 'admin' }).filter({ hasText: tenantCode }).waitFor();

    // 4. create a project (lands on its workflow list)
    await page.goto(`${UI}/getting-started`);
    await eventually(async () => (await page.getByTestId('step-bind').getAttribute('data-done')) === 'true', { message: 'bind step done' });
    await page.getByTestId('step-action-project').click();
    await waitForPath(page, /\/projects/);
    await openModal(page).getByTestId('project-name').fill('browser_demo');
    await openModal(page).getByTestId('modal-ok').click();
    await waitForPath(page, /\/projects\/\d+\/workflow\/definitions/);
    await page.getByTestId('project-title').filter({ hasText: 'browser_demo' }).waitFor();

    // 5. import the DolphinScheduler JSON export
    await page.getByTestId('import-workflow').click();
    await openModal(page).locator('input[type=file]').setInputFiles(fixture);
    const preview = openModal(page).getByTestId('import-preview');
    await preview.waitFor();
    expect.includes(await preview.innerText(), 'switch_demo · 6 tasks');
    await screenshot(page, 'flow1-03-import');
    await openModal(page).getByTestId('import-submit').click();
    const row = page.locator('[data-testid="definition-row"][data-name^="switch_demo"]');
    await row.waitFor();
    const workflowName = await row.getAttribute('data-name');

    // 6. release it
    if ((await row.getByTestId('release-state').getAttribute('data-state')) !== 'ONLINE') {
      await row.getByTestId('action-online').click();
    }
    await row.locator('[data-testid="release-state"][data-state="ONLINE"]').waitFor();
    await screenshot(page, 'flow1-04-released');

    // the read-only DAG of the definition, with task parameters viewable
    await row.getByTestId('definition-link').click();
    await page.getByTestId('definition-title').filter({ hasText: workflowName }).waitFor();
    await node(page, 'choose_route').waitFor();
    expect.equal(await page.getByTestId('dag-node').count(), 6);
    await node(page, 'choose_route').click();
    const params = page.getByTestId('task-params');
    await params.waitFor();
    expect.includes(await params.innerText(), '${route} == "slow"');
    expect.includes(await params.innerText(), 'slow_path');
    await page.waitForTimeout(400); // let the drawer finish sliding in for the picture
    await screenshot(page, 'flow1-05-definition-dag');
    await closeDrawers(page);

    // 7. run it, choosing the slow branch through the start parameter
    await page.getByTestId('detail-run').click();
    const dialog = page.getByTestId('run-dialog');
    const routeValue = dialog.locator('[data-testid="start-params"] input[placeholder="Value"]').first();
    await eventually(async () => (await routeValue.inputValue()) === 'fast', { message: 'start parameter prefilled from the global parameter' });
    await routeValue.fill('slow');
    await screenshot(page, 'flow1-06-run-dialog');
    await page.getByTestId('run-submit').click();
    await waitForPath(page, /\/workflow\/instances/);
    if (!/\/workflow\/instances\/\d+/.test(new URL(page.url()).pathname)) {
      // the server did not return the instance id: open the newest instance of this workflow
      const link = page.getByTestId('instance-link').first();
      await link.waitFor({ timeout: 30000 });
      await link.click();
    }
    await page.getByTestId('instance-title').waitFor();
    await node(page, 'prepare').waitFor();
    await screenshot(page, 'flow1-07-instance-running');

    // 8. the instance reaches SUCCESS by itself, the slow branch ran, the others are skipped
    await page.locator('[data-testid="instance-state"][data-state="SUCCESS"]').waitFor({ timeout: 120000 });
    await eventually(async () => (await node(page, 'finish').getAttribute('data-status')) === 'SUCCESS', { message: 'finish task shown as SUCCESS' });
    expect.equal(await node(page, 'prepare').getAttribute('data-status'), 'SUCCESS');
    expect.equal(await node(page, 'choose_route').getAttribute('data-status'), 'SUCCESS');
    expect.equal(await node(page, 'slow_path').getAttribute('data-status'), 'SUCCESS');
    expect.equal(await node(page, 'fast_path').getAttribute('data-status'), 'SKIPPED');
    expect.equal(await node(page, 'fallback').getAttribute('data-status'), 'SKIPPED');
    expect.includes(await node(page, 'choose_route').getByTestId('chosen-branch').innerText(), 'slow');
    await screenshot(page, 'flow1-08-instance-success');

    // 9. open a task log
    await page.getByRole('tab', { name: /Task instances/ }).click();
    const taskRow = page.locator('[data-testid="task-row"][data-name="slow_path"]');
    await taskRow.getByTestId('view-log').click();
    const log = page.getByTestId('log-body');
    await eventually(async () => (await log.innerText()).includes('slow step 3'), { message: 'log of slow_path' });
    await page.locator('[data-testid="log-status"][data-done="true"]').waitFor();
    await page.waitForTimeout(400); // drawer animation
    await screenshot(page, 'flow1-09-task-log');
    const href = await page.getByTestId('log-download').getAttribute('href');
    const download = await context.request.get(new URL(href, server.baseUrl).toString());
    expect.ok(download.ok(), `log download answered HTTP ${download.status()}`);
    expect.includes(await download.text(), 'slow step 3');
    await closeDrawers(page);

    // the gantt chart of the run
    await page.getByRole('tab', { name: /Gantt/ }).click();
    await page.getByTestId('gantt-chart').waitFor();
    await screenshot(page, 'flow1-10-gantt');

    // the home page counts the run
    await page.goto(`${UI}/home`);
    await page.waitForTimeout(1200); // chart animation
    await eventually(async () => Number(await page.getByTestId('donut-workflow').getAttribute('data-total')) >= 1, {
      message: 'home chart counts the workflow instance',
    });
    await screenshot(page, 'flow1-11-home');
    expect.equal(problems.filter((p) => p.startsWith('page error')).length, 0, problems.join('\n'));
  } catch (error) {
    await screenshot(page, 'flow1-failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});
