// Editor end-to-end test: the packaged extension inside code-server, driven
// by Chromium like a user. Expectations come from expectations.json (or the
// file named by FACTLINT_E2E_EXPECTATIONS), so the same test serves the real
// extension and the throwaway one that proved the harness.
//
// Normally started by run.mjs (which resolves the VSIX, enforces an overall
// timeout and kills leftovers); can also be run directly:
//   FACTLINT_VSIX=factlint-0.1.0.vsix node --test test/e2e/code-server/editor.e2e.mjs

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as h from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const expPath = resolve(process.env.FACTLINT_E2E_EXPECTATIONS || join(here, 'expectations.json'));
const exp = JSON.parse(readFileSync(expPath, 'utf8'));
const timeouts = { start: 90_000, problems: 45_000, hover: 20_000, quickFix: 20_000, ...(exp.timeouts || {}) };
const vsix = process.env.FACTLINT_VSIX || h.newestVsix();
const workspace = process.env.FACTLINT_E2E_WORKSPACE || exp.workspace || 'test/fixtures/workspace';
const file = exp.file;

/** Parses "[Ln 3, Col 9]" / "at line 3 and character 9" out of a Problems row. */
function lineOf(row) {
  const m = /\[Ln (\d+), Col (\d+)\]/.exec(row.text) || /at line (\d+) and character (\d+)/.exec(row.ariaLabel);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : {};
}

function matches(row, want) {
  const pos = lineOf(row);
  if (want.message !== undefined && !(row.message || '').includes(want.message)) return false;
  if (want.severity !== undefined && row.severity !== want.severity) return false;
  if (want.line !== undefined && pos.line !== want.line) return false;
  if (want.column !== undefined && pos.column !== want.column) return false;
  if (want.source !== undefined && row.source !== want.source) return false;
  if (want.code !== undefined && row.code !== String(want.code)) return false;
  if (want.file !== undefined && row.file !== want.file) return false;
  return true;
}

describe(`editor e2e (code-server): ${file}`, { timeout: 230_000 }, () => {
  let s;

  before(
    async () => {
      assert.ok(vsix, 'no VSIX: pass one to run.mjs, set FACTLINT_VSIX, or package one into the repo root');
      s = await h.startCodeServer({
        vsix,
        workspace,
        files: exp.files,
        settings: exp.settings,
        timeoutMs: timeouts.start,
        copyWorkspace: exp.copyWorkspace !== false,
      });
      try {
        // File search warms up after start-up: on a loaded machine it takes well over the usual 20 s.
        await h.openFile(s, file, { timeout: 60_000 });
      } finally {
        await h.screenshot(s, '00-opened').catch(() => {});
      }
    },
    { timeout: timeouts.start + 30_000 },
  );

  after(
    async () => {
      if (s) {
        console.error(`[e2e] timings: ${JSON.stringify(s.timings)}`);
        if (s.blockedRequests.length) console.error(`[e2e] blocked outside requests: ${[...new Set(s.blockedRequests)].join(' ')}`);
      }
      await h.stop(s);
    },
    { timeout: 30_000 },
  );

  /**
   * Runs a step and keeps a screenshot of how the editor looked, passed or failed; a step named in
   * `docsScreenshots` also writes its picture into the docs (see README.md, "Screenshots").
   */
  async function step(name, fn) {
    try {
      const r = await fn();
      await h.screenshot(s, name).catch(() => {});
      for (const shot of exp.docsScreenshots?.[name] ? [exp.docsScreenshots[name]].flat() : []) {
        await h.docsScreenshot(s, shot.to, shot.clip);
      }
      return r;
    } catch (err) {
      await h.screenshot(s, `FAILED-${name}`).catch(() => {});
      throw err;
    }
  }

  it('shows the expected problems', { timeout: timeouts.problems + 15_000 }, async () => {
    const want = exp.problems?.expect || [];
    await step('01-problems', async () => {
      const rows = await h.problems(s, {
        min: Math.max(1, exp.problems?.min ?? want.length),
        timeout: timeouts.problems,
        file: exp.problems?.allFiles ? undefined : file,
      });
      const shown = JSON.stringify(
        rows.map((r) => `${r.severity}: ${r.text}`),
        null,
        1,
      );
      for (const w of want)
        assert.ok(
          rows.some((r) => matches(r, w)),
          `no problem like ${JSON.stringify(w)} in ${shown}`,
        );
      if (exp.problems?.count !== undefined) assert.equal(rows.length, exp.problems.count, `problem count; shown: ${shown}`);
      if (exp.squiggles) {
        const sq = await h.waitForSquiggles(s, { min: exp.squiggles.min ?? 1, timeout: 10_000 });
        for (const k of ['error', 'warning', 'info']) {
          if (exp.squiggles[k] !== undefined) assert.equal(sq[k], exp.squiggles[k], `${k} squiggles: ${JSON.stringify(sq)}`);
        }
      }
    });
  });

  (exp.hovers || []).forEach((hv, i) => {
    it(`hover ${i + 1} at ${JSON.stringify(hv.at)} (${hv.via || 'keyboard'}) shows "${hv.contains}"`, {
      timeout: timeouts.hover + 15_000,
    }, async () => {
      await step(`02-hover-${i + 1}`, async () => {
        const pos = h.resolvePosition(s, file, hv.at);
        const text = await h.hover(s, pos, { via: hv.via, waitFor: hv.contains, timeout: timeouts.hover });
        assert.ok(text.includes(hv.contains), `hover at ${pos.line}:${pos.column} was ${JSON.stringify(text)}`);
        for (const no of hv.notContains || [])
          assert.ok(!text.includes(no), `hover should not contain ${JSON.stringify(no)}: ${JSON.stringify(text)}`);
      });
    });
  });

  (exp.quickFixes || []).forEach((qf, i) => {
    it(`quick fix ${i + 1} "${qf.title}" at ${JSON.stringify(qf.at)}`, { timeout: timeouts.quickFix + 30_000 }, async () => {
      await step(`03-quickfix-${i + 1}`, async () => {
        const pos = h.resolvePosition(s, file, qf.at);
        await h.quickFix(s, pos, qf.title, { timeout: timeouts.quickFix });
        // Typing right after the fix replaces what it left selected (the reason placeholder of a disable comment).
        if (qf.typeAfter) {
          await h.waitForSelection(s);
          await s.page.keyboard.type(qf.typeAfter);
        }
        // The edit lands asynchronously: poll the text until it matches or time runs out.
        await textAfter(qf);
      });
      if (qf.reset !== false) await h.resetFile(s, file);
    });
  });

  /** Polls the editor's text until it holds every `textContains` and none of `textNotContains` (10 s), then asserts. */
  async function textAfter(want) {
    const end = Date.now() + 10_000;
    let text;
    for (;;) {
      text = await h.editorText(s, { via: want.via, file });
      const ok = (want.textContains || []).every((t) => text.includes(t)) && (want.textNotContains || []).every((t) => !text.includes(t));
      if (ok || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    for (const t of want.textContains || []) assert.ok(text.includes(t), `the text lacks ${JSON.stringify(t)}:\n${text}`);
    for (const t of want.textNotContains || []) assert.ok(!text.includes(t), `the text still has ${JSON.stringify(t)}:\n${text}`);
  }

  (exp.completions || []).forEach((c, i) => {
    it(`completion ${i + 1}: "${c.type}" completes to "${c.label}"`, { timeout: timeouts.quickFix + 30_000 }, async () => {
      await step(`06-completion-${i + 1}`, async () => {
        await h.complete(s, c.type, c.label, { timeout: timeouts.quickFix });
        await textAfter(c);
      });
      await h.resetFile(s, file);
    });
  });

  (exp.editCommands || []).forEach((c, i) => {
    it(`editing command ${i + 1} "${c.label}" from the palette`, { timeout: timeouts.problems + 30_000 }, async () => {
      await step(`07-edit-command-${i + 1}`, async () => {
        await h.openFile(s, file);
        await h.problems(s, { file, min: exp.problems?.min ?? 1, timeout: timeouts.problems });
        await h.runCommand(s, c.label);
        await textAfter(c);
        if (c.problemsAfter) {
          const rows = await h.problems(s, { file, min: c.problemsAfter.length, timeout: timeouts.problems });
          for (const w of c.problemsAfter)
            assert.ok(
              rows.some((r) => matches(r, w)),
              `no problem like ${JSON.stringify(w)} in ${JSON.stringify(rows)}`,
            );
        }
      });
      await h.resetFile(s, file);
    });
  });

  (exp.statusItems || []).forEach((st, i) => {
    it(`language status on ${st.file} shows ${JSON.stringify(st.contains)}`, { timeout: 60_000 }, async () => {
      await step(`04-status-${i + 1}`, async () => {
        await h.openFile(s, st.file);
        const text = await h.languageStatus(s, { waitFor: st.contains[0] });
        for (const t of st.contains) assert.ok(text.includes(t), `language status lacks ${JSON.stringify(t)}: ${JSON.stringify(text)}`);
        if (st.problem) {
          const rows = await h.problems(s, { file: st.file, timeout: timeouts.problems });
          assert.ok(
            rows.some((r) => matches(r, st.problem)),
            `no problem like ${JSON.stringify(st.problem)} in ${JSON.stringify(rows)}`,
          );
        }
      });
    });
  });

  (exp.commands || []).forEach((cmd, i) => {
    it(`command "${cmd.label}" from the palette`, { timeout: timeouts.problems + 30_000 }, async () => {
      await step(`05-command-${i + 1}`, async () => {
        await h.runCommand(s, cmd.label);
        if (cmd.activeTab) {
          await s.page.locator('.tabs-container .tab.active', { hasText: cmd.activeTab }).waitFor({ state: 'visible', timeout: 15_000 });
          return;
        }
        const want = cmd.problems || [];
        const rows = await h.problems(s, { min: want.length, timeout: timeouts.problems });
        const shown = JSON.stringify(
          rows.map((r) => `${r.file} ${r.severity}: ${r.text}`),
          null,
          1,
        );
        for (const w of want)
          assert.ok(
            rows.some((r) => matches(r, w)),
            `no problem like ${JSON.stringify(w)} in ${shown}`,
          );
      });
    });
  });
});
