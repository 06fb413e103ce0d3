/**
 * Speed by design, checked in the browser: moving one node re-renders that node only, and an
 * edit re-renders only the nodes whose drawn facts changed. Renders are counted through React's
 * DevTools hook (what the React DevTools profiler uses), without any test code in the app.
 */
import { test, expect } from "./fixtures";

/** Installed before the app loads: counts, per logical ID, the commits in which the resource node component ran. */
function installRenderCounter() {
  const seen = new Map<string, { props: unknown; state: unknown }>();
  const counts: Record<string, number> = {};
  (window as unknown as { __renderCounts: Record<string, number> }).__renderCounts = counts;
  (window as unknown as { __REACT_DEVTOOLS_GLOBAL_HOOK__: unknown }).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() {
      return 1;
    },
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
    onCommitFiberRoot(_id: number, root: { current: any }) {
      const stack = [root.current];
      while (stack.length) {
        const fiber = stack.pop();
        if (!fiber) continue;
        const props = fiber.memoizedProps;
        // The production build renames functions: find the custom node by the props React Flow gives it.
        if (typeof fiber.type === "function" && props && props.type === "resource" && typeof props.id === "string" && "positionAbsoluteX" in props) {
          const id = props.id as string;
          const last = seen.get(id);
          // A memo bail-out keeps the previous props object; a render from the store changes the hook state.
          if (!last || last.props !== fiber.memoizedProps || last.state !== fiber.memoizedState) {
            counts[id] = (counts[id] ?? 0) + 1;
            seen.set(id, { props: fiber.memoizedProps, state: fiber.memoizedState });
          }
        }
        if (fiber.child) stack.push(fiber.child);
        if (fiber.sibling) stack.push(fiber.sibling);
      }
    },
  };
}

test("dragging one node of 120 re-renders that node only; an edit re-renders only the edited node", async ({ host, openApp, page }) => {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Resources:"];
  for (let i = 0; i < 120; i++) lines.push(`  Queue${i}:`, "    Type: AWS::SQS::Queue");
  const dir = await host.makeProject({ "template.yaml": lines.join("\n") + "\n" });
  await page.addInitScript(installRenderCounter);
  await openApp({ project: dir });
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  await page.getByRole("button", { name: "Zoom Out" }).click();
  const target = page.locator('.react-flow__node[data-id="Queue0"]');
  await expect(target).toBeVisible();
  await page.waitForTimeout(500);
  const counts = () => page.evaluate(() => ({ ...(window as unknown as { __renderCounts: Record<string, number> }).__renderCounts }));
  const before = await counts();
  expect(Object.keys(before).length).toBeGreaterThanOrEqual(100);

  const box = (await target.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) await page.mouse.move(box.x + box.width / 2 + step * 8, box.y + box.height / 2 + step * 3);
  await page.mouse.up();
  const afterDrag = await counts();
  const renderedByDrag = Object.keys(afterDrag).filter((id) => afterDrag[id] !== before[id]);
  expect(renderedByDrag).toEqual(["Queue0"]);

  // An edit in the inspector changes one resource's properties; the other nodes draw the same facts.
  const fields = page.getByRole("complementary", { name: "Inspector" });
  await fields.getByRole("spinbutton", { name: "Delay (s)" }).fill("5");
  await fields.getByRole("spinbutton", { name: "Delay (s)" }).press("Enter");
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/DelaySeconds: 5/);
  await page.waitForTimeout(300);
  const afterEdit = await counts();
  const renderedByEdit = Object.keys(afterEdit).filter((id) => afterEdit[id] !== afterDrag[id]);
  expect(renderedByEdit.length).toBeLessThanOrEqual(1);
});
