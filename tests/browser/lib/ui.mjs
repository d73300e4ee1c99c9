// Steps a person takes in the UI, shared by the flows. Pages live under /dolphinscheduler/ui.
import { expect } from './expect.mjs';

export const UI = '/dolphinscheduler/ui';

export async function login(page, userName = 'admin', password = 'dolphinscheduler123') {
  await page.goto(`${UI}/login`);
  await page.getByTestId('login-username').fill(userName);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function waitForPath(page, pattern, timeout = 15000) {
  await page.waitForURL((url) => pattern.test(url.pathname + url.search), { timeout });
}

/** The antd modal that is currently open (the last one, when several exist). */
export function openModal(page) {
  return page.locator('.ant-modal-wrap:visible .ant-modal').last();
}

/** Closes every open antd drawer, topmost first. */
export async function closeDrawers(page) {
  const open = page.locator('.ant-drawer-open .ant-drawer-close');
  for (let count = await open.count(); count > 0; count = await open.count()) {
    await open.last().click();
    await page.waitForFunction((n) => document.querySelectorAll('.ant-drawer-open .ant-drawer-close').length < n, count);
  }
}

export async function confirmPopover(page) {
  await page.locator('.ant-popover:visible .ant-popconfirm-buttons .ant-btn-primary').last().click();
}

/** Chooses an option of an antd Select identified by test id. */
export async function chooseOption(page, selectTestId, optionText) {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** Polls fn until it returns a truthy value or the time runs out (then fails with message). */
export async function eventually(fn, { timeout = 30000, interval = 300, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) throw new Error(`Timed out waiting for ${message}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export { expect };
