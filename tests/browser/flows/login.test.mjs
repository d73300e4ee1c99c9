// Acceptance flows (3) a wrong password shows an error, (4) a newcomer's first screen after
// login explains what to do next, and the session-expiry rule: an unknown session goes back to
// the login page.
import { after, before, test } from 'node:test';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, openPage, screenshot } from '../lib/browser.mjs';
import { eventually, expect, login, UI, waitForPath } from '../lib/ui.mjs';

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

test('a wrong password shows a clear error and stays on the login page', async () => {
  const { page, context } = await openPage(browser, server.baseUrl);
  try {
    await login(page, 'admin', 'not-the-password');
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect.match(await error.innerText(), /wrong user name or password/i);
    expect.ok(new URL(page.url()).pathname.endsWith('/login'), `still on the login page, not ${page.url()}`);
    await screenshot(page, 'login-wrong-password');

    // An unknown user gets the same message (no hint which of the two was wrong).
    await login(page, 'nobody_here', 'whatever1');
    await eventually(async () => /wrong user name or password/i.test(await error.innerText()), { message: 'error for unknown user' });
  } finally {
    await context.close();
  }
});

test("a newcomer's first screen after login explains the next steps", async () => {
  const { page, context, problems } = await openPage(browser, server.baseUrl);
  try {
    await login(page);
    await waitForPath(page, /\/getting-started/);
    const guide = page.getByTestId('getting-started');
    await guide.waitFor();
    const text = await guide.innerText();
    for (const step of ['Create a tenant', 'Bind the tenant to your user', 'Create a project', 'Create or import a workflow']) {
      expect.includes(text, step);
    }
    expect.equal(await page.getByTestId('step-tenant').getAttribute('data-done'), 'false');
    expect.equal(await page.getByTestId('step-project').getAttribute('data-done'), 'false');
    // The first thing to do is offered as a button.
    await page.getByTestId('step-action-tenant').waitFor();
    expect.equal(await page.getByTestId('current-user').innerText(), 'admin');
    await screenshot(page, 'newcomer-getting-started');
    expect.equal(problems.filter((p) => p.startsWith('page error')).length, 0, problems.join('\n'));
  } finally {
    await context.close();
  }
});

test('an expired or unknown session sends the browser back to the login page', async () => {
  const { page, context } = await openPage(browser, server.baseUrl);
  try {
    await page.goto(`${UI}/login`);
    await page.evaluate(() => {
      localStorage.setItem('porpoise.sessionId', 'no-such-session');
      document.cookie = 'sessionId=no-such-session; path=/';
    });
    await page.goto(`${UI}/projects`);
    await waitForPath(page, /\/login\?.*redirect=%2Fprojects/);
    await screenshot(page, 'session-expired');

    // Logging in again returns to the page that was asked for.
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('dolphinscheduler123');
    await page.getByTestId('login-submit').click();
    await waitForPath(page, /\/projects$/);
  } finally {
    await context.close();
  }
});
