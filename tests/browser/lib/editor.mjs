// Steps in the visual DAG editor shared by the editor flows: drop a task type from the palette,
// fill the task form, connect two tasks by dragging between their handles, type into a code field.
import { expect } from './expect.mjs';
import { eventually } from './ui.mjs';

export const editorNode = (page, name) => page.locator(`[data-testid="editor-node"][data-task-name="${name}"]`);

/** The task form drawer that is open now. */
export const taskDrawer = (page) => page.locator('.ant-drawer-open');

/** Replaces the text of a CodeMirror field identified by test id. */
export async function setCode(page, testId, text) {
  const content = page.locator(`[data-testid="${testId}"] .cm-content`);
  await content.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await eventually(async () => (await content.innerText()).replace(/\u00a0/g, ' ').includes(text.split('\n')[0]), {
    message: `code field ${testId} shows the text`,
  });
}

/** Chooses an option of an antd Select inside `scope` (by test id, the nth one), by its visible text. */
export async function pick(page, scope, testId, optionText, nth = 0) {
  // a dropdown still closing from the previous pick lists the same options: let it go first
  await eventually(async () => (await page.locator('.ant-select-dropdown:visible').count()) === 0, { message: 'previous dropdown closed' });
  await scope.locator(`[data-testid="${testId}"]`).nth(nth).click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first();
  await option.click();
}

/**
 * Drags a task type from the palette onto the canvas at (x, y) relative to the canvas, waits for
 * its form, sets the name, lets `fill` fill the rest, applies (keepProblems: applies an incomplete task).
 */
export async function dropTask(page, { type, name, x, y, fill, keepProblems = false }) {
  const canvas = page.getByTestId('editor-canvas');
  const before = await page.getByTestId('editor-node').count();
  await page.locator(`[data-testid="palette-item"][data-task-type="${type}"]`).dragTo(canvas, { targetPosition: { x, y } });
  await eventually(async () => (await page.getByTestId('editor-node').count()) === before + 1, { message: `${type} node dropped` });
  const drawer = taskDrawer(page);
  await drawer.getByTestId('task-form').waitFor();
  await drawer.getByTestId('task-name').fill(name);
  if (fill) await fill(drawer);
  await drawer.getByTestId('task-apply').click();
  if (keepProblems) {
    // the first click lists the problems; the second keeps the task as it is
    await drawer.getByTestId('task-problems').waitFor();
    await drawer.getByTestId('task-apply').click();
  }
  await drawer.waitFor({ state: 'detached' });
  await editorNode(page, name).waitFor();
}

/** Opens a task's form by double-clicking its node. */
export async function openTask(page, name) {
  await editorNode(page, name).dblclick();
  const drawer = taskDrawer(page);
  await drawer.getByTestId('task-form').waitFor();
  expect.equal(await drawer.getByTestId('task-name').inputValue(), name);
  return drawer;
}

export async function applyTask(page) {
  const drawer = taskDrawer(page);
  await drawer.getByTestId('task-apply').click();
  await drawer.waitFor({ state: 'detached' });
}

async function centre(locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box (not visible?)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Connects two tasks the way a person does: press on the source's right handle, drag to the target's left handle. */
export async function connectTasks(page, from, to) {
  // a drawer that is still sliding out keeps its mask over the canvas
  await eventually(async () => (await page.locator('.ant-drawer-mask:visible, .ant-drawer-content-wrapper:visible').count()) === 0, {
    message: 'drawer gone',
  });
  const edgesBefore = await page.locator('.react-flow__edge').count();
  const source = await centre(editorNode(page, from).getByTestId('handle-out'));
  const target = await centre(editorNode(page, to).getByTestId('handle-in'));
  await page.mouse.move(source.x, source.y);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2, { steps: 8 });
  await page.mouse.move(target.x, target.y, { steps: 8 });
  await page.mouse.up();
  await eventually(async () => (await page.locator('.react-flow__edge').count()) === edgesBefore + 1, {
    message: `edge ${from} → ${to} drawn`,
  });
}

export const edgeBetween = (page, fromCode, toCode) =>
  page.locator(`.react-flow__edge[data-testid="rf__edge-${fromCode}->${toCode}"]`);
