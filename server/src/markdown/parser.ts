import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

/**
 * GitHub Flavored Markdown as a draft's prose needs it: footnotes, tables, strikethrough and task lists, but not
 * GFM's literal autolinks ("www.x.org", "https://x.org", "a@x.org" without angle brackets). That extension tries an
 * e-mail address at every word and took over a third of the parse; align.ts finds those addresses in the text
 * instead (`findAddresses` in addresses.ts), at a fraction of the cost, and treats them as it treated the links:
 * not prose.
 */
function gfmForProse(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmTable(), gfmStrikethrough(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(
    gfmFootnoteFromMarkdown(),
    gfmTableFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmTaskListItemFromMarkdown(),
  );
}

/** The one Markdown parser factlint uses (and the benchmark's parse floor): remark-parse, GFM for prose, front matter. */
export const parser = unified().use(remarkParse).use(gfmForProse).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
