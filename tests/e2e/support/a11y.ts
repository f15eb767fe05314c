import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

// WCAG 2.0, 2.1 and 2.2, levels A and AA: what the product promises, and what fails a screen. axe's best-practice
// rules run too and are printed by name when they fire, but they do not fail the screen.
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

export type AxeSummary = Record<(typeof IMPACTS)[number], number>;

/**
 * Runs axe over the whole page as it is now, prints one line for the CI log
 * (`a11y <screen>: critical 0, serious 0, moderate 0, minor 0; …`: WCAG violations by impact, counted in nodes, then
 * each rule that fired), and fails on any serious or critical WCAG violation with its rule, targets and explanation.
 */
export async function expectAccessible(page: Page, screen: string): Promise<AxeSummary> {
  const results = await new AxeBuilder({ page }).withTags([...WCAG_TAGS, 'best-practice']).analyze();
  const wcag = results.violations.filter((v) => v.tags.some((tag) => WCAG_TAGS.includes(tag)));
  const advice = results.violations.filter((v) => !wcag.includes(v));
  const summary: AxeSummary = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of wcag) summary[v.impact ?? 'minor'] += v.nodes.length;
  const rules = (list: typeof wcag) => list.map((v) => `${v.id}(${v.impact ?? '?'})×${v.nodes.length}`).join(' ');
  console.log(
    [
      `a11y ${screen}: ${IMPACTS.map((i) => `${i} ${summary[i]}`).join(', ')}`,
      `${results.passes.length} rules passed`,
      ...(wcag.length ? [`WCAG: ${rules(wcag)}`] : []),
      ...(advice.length ? [`best practice: ${rules(advice)}`] : []),
    ].join('; '),
  );
  const blocking = wcag
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), why: n.failureSummary })),
    }));
  expect(blocking, `serious or critical axe violations on ${screen}`).toEqual([]);
  return summary;
}

/**
 * The focused element shows where it is: `:focus-visible` matches and its computed style draws an outline (not
 * `none`, at least 2px) or a box-shadow ring. Returns a short description of the element for messages.
 */
export async function expectVisibleFocus(page: Page): Promise<string> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const name = (el.getAttribute('aria-label') ?? (el as HTMLElement).innerText ?? '').trim().slice(0, 40);
    return {
      element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${name ? ` "${name}"` : ''}`,
      focusVisible: el.matches(':focus-visible'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      ring: style.boxShadow !== 'none',
    };
  });
  expect(focus, 'something has the keyboard focus').not.toBeNull();
  expect(focus!.focusVisible, `${focus!.element} matches :focus-visible`).toBe(true);
  expect(focus!.outline || focus!.ring, `${focus!.element} draws a focus indicator`).toBe(true);
  return focus!.element;
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, checking the visible focus at every stop in the page (a
 * Tab past the last control leaves the page for the browser's own UI, then comes back to the first).
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}) {
  const max = options.max ?? 25;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    if (await page.evaluate(() => document.activeElement === null || document.activeElement === document.body)) continue;
    await expectVisibleFocus(page);
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`${String(target)} was not reached within ${max} presses of ${options.back ? 'Shift+Tab' : 'Tab'}`);
}
