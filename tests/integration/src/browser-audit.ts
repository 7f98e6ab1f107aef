import type { BrowserContext, Page } from 'playwright-core';

/** One Content-Security-Policy violation the browser reported on a page. */
export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Records every CSP violation in `context`'s pages: the `securitypolicyviolation` event (reported
 * through a binding, which CSP does not govern) and, as a backstop, Chromium's "Refused to …"
 * console errors. Call before opening pages.
 */
export async function recordCspViolations(context: BrowserContext): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await context.exposeBinding(
    '__reportCspViolation',
    ({ page }, violation: Omit<CspViolation, 'page'>) => {
      violations.push({ page: page.url(), ...violation });
    },
  );
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (v: unknown) => void })
        .__reportCspViolation;
      void report({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: `${event.sourceFile}:${event.lineNumber}`,
      });
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push({
        page: message.page()?.url() ?? '?',
        directive: 'console',
        blocked: message.text(),
        source: '',
      });
  });
  return violations;
}

/** An axe-core finding: the rule, how bad, and where. */
export interface AccessibilityViolation {
  page: string;
  rule: string;
  impact: string;
  nodes: string[];
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (from node_modules, no CDN) on the page as it is now, WCAG 2.1 A/AA rules only,
 * and returns the serious and critical violations. The page's context must bypass CSP: the script
 * is added inline, which the site's policy rightly refuses.
 */
export async function seriousAccessibilityViolations(
  page: Page,
): Promise<AccessibilityViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const results = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<AxeResults> };
      }
    ).axe;
    const run = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return run.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
    }));
  }, WCAG_21_AA);
  return results
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: page.url(), ...v }));
}

interface AxeResults {
  violations: Array<{
    id: string;
    impact?: string | null;
    nodes: Array<{ target: string[]; failureSummary?: string }>;
  }>;
}
