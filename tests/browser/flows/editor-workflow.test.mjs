// Acceptance flow of the visual DAG editor (issue 9), through the UI only after the tenant and
// project set-up: from an empty canvas build SHELL → CONDITIONS → (success: SHELL, failure: SHELL)
// plus a PYTHON task with an OUT parameter feeding a SWITCH (→ high | default → low), with undo,
// redo, copy, delete, auto-layout and a refused invalid form on the way; save; release; run; the
// instance shows the branches that were taken; the editor refuses the online workflow until it is
// taken offline; edit a task's script and save again; the version history shows two versions; the
// leave guard keeps unsaved edits.
import os from 'node:os';
import { after, before, test } from 'node:test';
import { Api } from '../lib/api.mjs';
import { launchBrowser, openPage, screenshot } from '../lib/browser.mjs';
import { applyTask, connectTasks, dropTask, edgeBetween, editorNode, openTask, pick, setCode, taskDrawer } from '../lib/editor.mjs';
import { startServer } from '../lib/server.mjs';
import { closeDrawers, eventually, expect, login, openModal, UI, waitForPath } from '../lib/ui.mjs';

const tenantCode = os.userInfo().username;

let server;
let browser;
let projectCode;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const api = await new Api(server.baseUrl).login();
  projectCode = await api.prepareProject({ tenantCode, projectName: 'editor_demo_project' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const instanceNode = (page, name) => page.locator(`[data-testid="dag-node"][data-task-name="${name}"]`);
const codeOf = async (page, name) => editorNode(page, name).getAttribute('data-task-code');

test('build a CONDITIONS and a SWITCH workflow on an empty canvas, run it, edit it, see two versions', { timeout: 420000 }, async () => {
  const { page, context, problems } = await openPage(browser, server.baseUrl);
  try {
    await login(page);
    await waitForPath(page, /\/(getting-started|home)/);
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions`);
    await page.getByTestId('create-workflow').click();
    await waitForPath(page, /\/workflow\/definitions\/create$/);
    await page.getByTestId('editor-empty').waitFor();
    await screenshot(page, 'editor-01-empty-canvas');

    // --- SHELL → CONDITIONS → (success | failure) ------------------------------------------
    await dropTask(page, { type: 'SHELL', name: 'prepare', x: 120, y: 90, fill: (d) => setCode(page, 'raw-script', 'echo "preparing"') });

    // a form with an empty script is refused with a message on the field
    const canvas = page.getByTestId('editor-canvas');
    await page.locator('[data-testid="palette-item"][data-task-type="SHELL"]').dragTo(canvas, { targetPosition: { x: 700, y: 60 } });
    const drawer = taskDrawer(page);
    await drawer.getByTestId('task-name').fill('on_success');
    await drawer.getByTestId('task-apply').click();
    expect.equal(await drawer.getByTestId('raw-script-error').innerText(), 'Required');
    await screenshot(page, 'editor-02-validation');
    await setCode(page, 'raw-script', 'echo "the check held"');
    await applyTask(page);

    await dropTask(page, { type: 'SHELL', name: 'on_failure', x: 700, y: 190, fill: () => setCode(page, 'raw-script', 'echo "the check failed"') });
    // a CONDITIONS task kept without checks or branches is marked, and saving is refused
    await dropTask(page, { type: 'CONDITIONS', name: 'check', x: 410, y: 120, keepProblems: true });
    await page.locator('[data-testid="editor-node"][data-task-name="check"][data-invalid="true"]').waitFor();
    await page.getByTestId('editor-save').click();
    await page.getByTestId('editor-problems').waitFor();
    expect.equal(await page.getByTestId('save-dialog').count(), 0);
    await screenshot(page, 'editor-03-invalid-node');

    await connectTasks(page, 'prepare', 'check');
    const cond = await openTask(page, 'check');
    await cond.getByTestId('conditions-add-item').click();
    await pick(page, cond, 'conditions-task', 'prepare (SHELL)');
    await pick(page, cond, 'conditions-success', 'on_success (SHELL)');
    await pick(page, cond, 'conditions-failure', 'on_failure (SHELL)');
    await screenshot(page, 'editor-04-conditions-form');
    await applyTask(page);
    const [checkCode, okCode, koCode] = await Promise.all(['check', 'on_success', 'on_failure'].map((n) => codeOf(page, n)));
    // the branch edges were drawn from the form
    await edgeBetween(page, checkCode, okCode).waitFor();
    await edgeBetween(page, checkCode, koCode).waitFor();
    expect.equal(await page.locator('[data-testid="editor-node"][data-invalid="true"]').count(), 0);

    // --- PYTHON (OUT score) → SWITCH (score > 0.5 → high, default → low) --------------------
    await dropTask(page, {
      type: 'PYTHON',
      name: 'score',
      x: 120,
      y: 380,
      fill: async (d) => {
        await setCode(page, 'raw-script', "value = 0.9\nprint('${setValue(score=%s)}' % value)");
        await d.getByTestId('local-params-add').click();
        await d.getByTestId('local-params-prop').fill('score');
        await pick(page, d, 'local-params-direct', 'OUT');
      },
    });
    await dropTask(page, { type: 'SHELL', name: 'high', x: 700, y: 330, fill: () => setCode(page, 'raw-script', 'echo "high score"') });
    await dropTask(page, { type: 'SHELL', name: 'low', x: 700, y: 450, fill: () => setCode(page, 'raw-script', 'echo "low score"') });
    await dropTask(page, {
      type: 'SWITCH',
      name: 'route',
      x: 410,
      y: 390,
      fill: async (d) => {
        await d.getByTestId('switch-condition').fill('${score} > 0.5');
        await pick(page, d, 'switch-next', 'high (SHELL)');
        await pick(page, d, 'switch-default', 'low (SHELL)');
      },
    });
    await connectTasks(page, 'score', 'route');
    const routeCode = await codeOf(page, 'route');
    await edgeBetween(page, routeCode, await codeOf(page, 'high')).waitFor();
    await edgeBetween(page, routeCode, await codeOf(page, 'low')).waitFor();

    // --- copy, delete, undo, redo, layout ----------------------------------------------------
    await editorNode(page, 'high').click();
    await page.getByTestId('editor-copy').click();
    await editorNode(page, 'high_copy').waitFor();
    await screenshot(page, 'editor-05-copied');
    await editorNode(page, 'high_copy').click();
    await page.getByTestId('editor-delete').click();
    await editorNode(page, 'high_copy').waitFor({ state: 'detached' });
    await page.getByTestId('editor-undo').click();
    await editorNode(page, 'high_copy').waitFor();
    await page.getByTestId('editor-redo').click();
    await editorNode(page, 'high_copy').waitFor({ state: 'detached' });
    // deleting an edge out of the SWITCH clears that branch; undo brings both back
    await edgeBetween(page, routeCode, await codeOf(page, 'low')).click({ force: true });
    await page.getByTestId('editor-delete').click();
    await edgeBetween(page, routeCode, await codeOf(page, 'low')).waitFor({ state: 'detached' });
    await page.getByTestId('editor-undo').click();
    await edgeBetween(page, routeCode, await codeOf(page, 'low')).waitFor();
    await page.getByTestId('editor-layout').click();
    await page.waitForTimeout(500);
    expect.equal(await page.getByTestId('editor-node').count(), 8);
    expect.equal(await page.getByTestId('editor-dirty').count(), 1);
    await screenshot(page, 'editor-06-built');

    // --- save with the workflow settings -------------------------------------------------------
    await page.getByTestId('editor-save').click();
    const dialog = openModal(page);
    await dialog.getByTestId('workflow-name').fill('editor_demo');
    await dialog.getByTestId('workflow-description').fill('built in the editor');
    await pick(page, dialog, 'workflow-tenant', tenantCode);
    await dialog.getByTestId('global-params-add').click();
    await dialog.getByTestId('global-params-prop').fill('threshold');
    await dialog.getByTestId('global-params-value').fill('0.5');
    await screenshot(page, 'editor-07-save-dialog');
    await dialog.getByTestId('save-submit').click();
    await waitForPath(page, /\/workflow\/definitions\/\d+\/edit$/);
    await page.getByTestId('editor-version').filter({ hasText: 'V1' }).waitFor();
    expect.equal(await page.getByTestId('editor-dirty').count(), 0);
    const definitionCode = new URL(page.url()).pathname.match(/definitions\/(\d+)\/edit/)[1];
    expect.equal(await page.getByTestId('editor-node').count(), 8);
    await screenshot(page, 'editor-08-saved');

    // --- release and run from the definition page ---------------------------------------------
    await page.getByTestId('editor-close').click();
    await waitForPath(page, new RegExp(`/workflow/definitions/${definitionCode}$`));
    await page.getByTestId('definition-title').filter({ hasText: 'editor_demo' }).waitFor();
    expect.equal(await page.getByTestId('dag-node').count(), 8);
    await page.getByTestId('detail-online').click();
    await page.getByTestId('detail-offline').waitFor();
    await page.getByTestId('detail-run').click();
    await page.getByTestId('run-dialog').waitFor();
    await page.getByTestId('run-submit').click();
    await waitForPath(page, /\/workflow\/instances/, 30000);
    if (!/\/workflow\/instances\/\d+/.test(new URL(page.url()).pathname)) {
      const link = page.getByTestId('instance-link').first();
      await link.waitFor({ timeout: 30000 });
      await link.click();
    }
    await page.getByTestId('instance-title').waitFor();
    await page.locator('[data-testid="instance-state"][data-state="SUCCESS"]').waitFor({ timeout: 180000 });
    await eventually(async () => (await instanceNode(page, 'high').getAttribute('data-status')) === 'SUCCESS', { message: 'high shown as SUCCESS' });
    for (const name of ['prepare', 'check', 'on_success', 'score', 'route', 'high']) {
      expect.equal(await instanceNode(page, name).getAttribute('data-status'), 'SUCCESS', `${name} succeeded`);
    }
    expect.equal(await instanceNode(page, 'on_failure').getAttribute('data-status'), 'SKIPPED');
    expect.equal(await instanceNode(page, 'low').getAttribute('data-status'), 'SKIPPED');
    expect.includes(await instanceNode(page, 'route').getByTestId('chosen-branch').innerText(), '${score} > 0.5');
    await screenshot(page, 'editor-09-instance');

    // --- the online workflow is not editable until taken offline -----------------------------
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/${definitionCode}/edit`);
    await page.getByTestId('editor-online').waitFor();
    expect.includes(await page.getByTestId('editor-online').innerText(), 'Take it offline first');
    await screenshot(page, 'editor-10-online-refused');
    await page.getByTestId('editor-take-offline').click();
    await page.getByTestId('workflow-editor').waitFor();
    await editorNode(page, 'high').waitFor();

    // --- edit a task's script and save a second version ----------------------------------------
    const high = await openTask(page, 'high');
    expect.includes(await high.locator('[data-testid="raw-script"] .cm-content').innerText(), 'high score');
    await setCode(page, 'raw-script', 'echo "high score, second version"');
    await screenshot(page, 'editor-11-edit-script');
    await applyTask(page);
    await page.getByTestId('editor-dirty').waitFor();
    await page.getByTestId('editor-save').click();
    expect.equal(await openModal(page).getByTestId('workflow-name').inputValue(), 'editor_demo');
    await openModal(page).getByTestId('save-submit').click();
    await page.getByTestId('editor-version').filter({ hasText: 'V2' }).waitFor();

    // --- unsaved changes are not lost silently ------------------------------------------------
    const low = await openTask(page, 'low');
    await low.getByTestId('task-description').fill('a change nobody saved');
    await applyTask(page);
    await page.getByTestId('editor-close').click();
    const confirm = page.locator('.ant-modal-confirm:visible');
    await confirm.waitFor();
    expect.includes(await confirm.innerText(), 'Leave without saving?');
    await screenshot(page, 'editor-12-leave-guard');
    await confirm.getByRole('button', { name: 'Stay' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect.ok(/\/edit$/.test(new URL(page.url()).pathname), 'still in the editor');
    await page.getByTestId('editor-undo').click();
    await eventually(async () => (await page.getByTestId('editor-dirty').count()) === 0, { message: 'undo brings back the saved state' });
    await page.getByTestId('editor-close').click();
    await waitForPath(page, new RegExp(`/workflow/definitions/${definitionCode}$`));

    // --- version history: two versions -----------------------------------------------------------
    await page.getByRole('button', { name: 'Versions' }).click();
    const versions = page.getByTestId('versions-dialog');
    await versions.locator('.ant-table-row').nth(1).waitFor();
    expect.equal(await versions.locator('.ant-table-row').count(), 2);
    expect.includes(await versions.innerText(), 'V2');
    expect.includes(await versions.innerText(), 'V1');
    await screenshot(page, 'editor-13-versions');
    await closeDrawers(page);
    expect.equal(problems.filter((p) => p.startsWith('page error')).length, 0, problems.join('\n'));
  } catch (error) {
    await screenshot(page, 'editor-failure').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('server validation errors land on the setting or task they name', { timeout: 240000 }, async () => {
  const { page, context } = await openPage(browser, server.baseUrl);
  const saveAs = async (name) => {
    await page.getByTestId('editor-save').click();
    const dialog = openModal(page);
    await dialog.getByTestId('workflow-name').fill(name);
    await dialog.getByTestId('save-submit').click();
  };
  try {
    await login(page);
    await waitForPath(page, /\/(getting-started|home)/);

    // child_wf: one SHELL task
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/create`);
    await dropTask(page, { type: 'SHELL', name: 'child_step', x: 200, y: 120, fill: () => setCode(page, 'raw-script', 'echo child') });
    await saveAs('child_wf');
    await waitForPath(page, /\/edit$/);
    const childCode = new URL(page.url()).pathname.match(/definitions\/(\d+)\/edit/)[1];

    // a second workflow with the same name: the server's answer shows on the name field
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/create`);
    await dropTask(page, { type: 'SUB_PROCESS', name: 'call_child', x: 200, y: 120, fill: (d) => pick(page, d, 'sub-process-workflow', 'child_wf') });
    await saveAs('child_wf');
    const nameError = openModal(page).getByTestId('workflow-name-error');
    await nameError.waitFor();
    expect.match(await nameError.innerText(), /child_wf/);
    await screenshot(page, 'editor-20-name-taken');
    await openModal(page).getByTestId('workflow-name').fill('parent_wf');
    await openModal(page).getByTestId('save-submit').click();
    await waitForPath(page, /\/edit$/);

    // child_wf calling parent_wf would be a sub-workflow cycle: only the server can tell
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/${childCode}/edit`);
    await editorNode(page, 'child_step').waitFor();
    await dropTask(page, { type: 'SUB_PROCESS', name: 'call_parent', x: 520, y: 120, fill: (d) => pick(page, d, 'sub-process-workflow', 'parent_wf') });
    await page.getByTestId('editor-save').click();
    await openModal(page).getByTestId('save-submit').click();
    await page.getByTestId('editor-server-error').waitFor();
    expect.includes(await page.getByTestId('editor-server-error').innerText(), 'call_parent');
    await page.locator('[data-testid="editor-node"][data-task-name="call_parent"][data-invalid="true"]').waitFor();
    // the task's form opens on the task the server named, with the message
    await taskDrawer(page).getByTestId('task-server-error').waitFor();
    expect.includes(await taskDrawer(page).getByTestId('sub-process-workflow-error').innerText(), 'leads back to workflow child_wf');
    await screenshot(page, 'editor-21-server-error-on-node');
    expect.equal(await page.getByTestId('editor-dirty').count(), 1);
  } catch (error) {
    await screenshot(page, 'editor-failure-2').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});

test('every task type has a form whose parameters the server accepts', { timeout: 240000 }, async () => {
  const { page, context, problems } = await openPage(browser, server.baseUrl);
  const fillText = (d, name, value) => d.getByTestId(`param-${name}`).fill(value);
  try {
    await login(page);
    await waitForPath(page, /\/(getting-started|home)/);
    // a workflow to refer to (the SUB_PROCESS and DEPENDENT pickers list the project's workflows)
    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/create`);
    await dropTask(page, { type: 'SHELL', name: 'upstream_step', x: 200, y: 120, fill: () => setCode(page, 'raw-script', 'echo up') });
    await page.getByTestId('editor-save').click();
    await openModal(page).getByTestId('workflow-name').fill('upstream_wf');
    await openModal(page).getByTestId('save-submit').click();
    await waitForPath(page, /\/edit$/);

    await page.goto(`${UI}/projects/${projectCode}/workflow/definitions/create`);
    await dropTask(page, {
      type: 'HTTP', name: 'ping', x: 150, y: 80,
      fill: async (d) => {
        await d.getByTestId('http-url').fill('http://127.0.0.1:9/health');
        await pick(page, d, 'http-check', 'body contains');
        await d.getByTestId('http-condition').fill('ok');
      },
    });
    await dropTask(page, {
      type: 'MLFLOW', name: 'train', x: 150, y: 200,
      fill: (d) => fillText(d, 'mlflowProjectRepository', 'https://github.com/mlflow/mlflow#examples/sklearn_elasticnet_wine'),
    });
    await dropTask(page, {
      type: 'DVC', name: 'data_version', x: 150, y: 320,
      fill: async (d) => {
        for (const [k, v] of [['dvcRepository', 'git@example.com:org/data.git'], ['dvcDataLocation', 'data/train'], ['dvcLoadSaveDataPath', '/tmp/train'], ['dvcVersion', 'v1'], ['dvcMessage', 'first data']]) await fillText(d, k, v);
      },
    });
    await dropTask(page, {
      type: 'OPENMLDB', name: 'features', x: 450, y: 80,
      fill: async (d) => {
        await fillText(d, 'zk', '127.0.0.1:2181');
        await fillText(d, 'zkPath', '/openmldb');
        await setCode(page, 'openmldb-sql', 'SELECT 1;');
      },
    });
    await dropTask(page, { type: 'SUB_PROCESS', name: 'child', x: 450, y: 200, fill: (d) => pick(page, d, 'sub-process-workflow', 'upstream_wf') });
    await dropTask(page, {
      type: 'DEPENDENT', name: 'wait_upstream', x: 450, y: 320,
      fill: async (d) => {
        expect.includes(await d.getByTestId('dependent-project').innerText(), 'editor_demo_project');
        await pick(page, d, 'dependent-workflow', 'upstream_wf');
        await pick(page, d, 'dependent-task', 'upstream_step');
        await pick(page, d, 'dependent-cycle', 'Week');
        await pick(page, d, 'dependent-date', 'last Monday');
        await screenshot(page, 'editor-30-dependent-form');
      },
    });
    expect.equal(await page.locator('[data-testid="editor-node"][data-invalid="true"]').count(), 0);
    await page.getByTestId('editor-save').click();
    await openModal(page).getByTestId('workflow-name').fill('all_types');
    await openModal(page).getByTestId('save-submit').click();
    await waitForPath(page, /\/edit$/);
    await page.getByTestId('editor-version').filter({ hasText: 'V1' }).waitFor();
    // read back from the server: every type kept its parameters
    expect.equal(await page.getByTestId('editor-node').count(), 6);
    const dep = await openTask(page, 'wait_upstream');
    expect.includes(await dep.getByTestId('dependent-date').innerText(), 'last Monday');
    expect.includes(await dep.getByTestId('dependent-task').innerText(), 'upstream_step');
    await closeDrawers(page);
    const http = await openTask(page, 'ping');
    expect.equal(await http.getByTestId('http-condition').inputValue(), 'ok');
    await closeDrawers(page);
    await screenshot(page, 'editor-31-all-types');
    expect.equal(problems.filter((p) => p.startsWith('page error')).length, 0, problems.join('\n'));
  } catch (error) {
    await screenshot(page, 'editor-failure-3').catch(() => {});
    throw error;
  } finally {
    await context.close();
  }
});
