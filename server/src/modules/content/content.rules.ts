import { FilterXSS, safeAttrValue } from 'xss';
import { audienceFit, type AudienceFit } from '../../contract/audience';
import type { AttachmentType, Audience } from '../../contract/policy';
import { sniffFileType } from '../../core/files/sniff';

// ---------------------------------------------------------------------------
// Rich text
// ---------------------------------------------------------------------------

/** The HTML subset staff may use in a body; everything else is escaped, script/style bodies dropped. */
const sanitizer = new FilterXSS({
  whiteList: {
    p: [], br: [], strong: [], b: [], em: [], i: [], u: [],
    h3: [], h4: [], ul: [], ol: [], li: [], blockquote: [],
    table: [], thead: [], tbody: [], tr: [], th: [], td: [],
    a: ['href', 'title'],
  },
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style'],
  // Only http(s) and mailto links survive (xss already drops javascript: URLs; be explicit).
  safeAttrValue(tag, name, value, cssFilter) {
    if (tag === 'a' && name === 'href' && !/^(https?:|mailto:)/i.test(value.trim())) return '';
    return safeAttrValue(tag, name, value, cssFilter);
  },
});

/** Sanitised body: the whitelisted subset, no scripts, no event handlers, no javascript: links. */
export function sanitizeBody(html: string): string {
  return sanitizer.process(html).trim();
}

/** Plain text of a (sanitised) body, for search keys and snippets. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------

// The workflow table lives in the contract so that the staff pages offer exactly the allowed buttons.
export { EDITABLE_STATUSES, TRANSITIONS, type ContentTransition } from '../../contract/policy';

// ---------------------------------------------------------------------------
// Search keys: CJK unigrams + bigrams, latin/digit words
// ---------------------------------------------------------------------------

/** What a search query must contain to find anything (else 422 CONTENT_QUERY_EMPTY); the API document states it. */
export const SEARCHABLE_CHAR = '[\\u3400-\\u9fff\\uf900-\\ufaffA-Za-z0-9]';

/** Splits text into runs of CJK characters and lower-cased latin/digit words. */
function runs(text: string): Array<{ cjk: boolean; text: string }> {
  const out: Array<{ cjk: boolean; text: string }> = [];
  const re = /([\u3400-\u9fff\uf900-\ufaff]+)|([a-z0-9]+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1]) out.push({ cjk: true, text: m[1] });
    else out.push({ cjk: false, text: m[2].toLowerCase() });
  }
  return out;
}

/** Index keys of a text: every CJK character, every adjacent CJK pair, every latin/digit word. */
export function searchKeys(...texts: string[]): string[] {
  const keys = new Set<string>();
  for (const text of texts) {
    for (const run of runs(text)) {
      if (!run.cjk) {
        keys.add(run.text);
        continue;
      }
      const chars = [...run.text];
      chars.forEach((c, i) => {
        keys.add(c);
        if (i + 1 < chars.length) keys.add(c + chars[i + 1]);
      });
    }
  }
  return [...keys];
}

/**
 * Keys a query must all hit: bigrams of each CJK run (a single character stays a unigram),
 * latin/digit words as they are. Empty when the query has nothing searchable.
 */
export function queryKeys(q: string): string[] {
  const keys = new Set<string>();
  for (const run of runs(q)) {
    if (!run.cjk) {
      keys.add(run.text);
      continue;
    }
    const chars = [...run.text];
    if (chars.length === 1) keys.add(chars[0]);
    for (let i = 0; i + 1 < chars.length; i += 1) keys.add(chars[i] + chars[i + 1]);
  }
  return [...keys];
}

/** The query's phrases (CJK runs and words), for exact-phrase scoring and highlighting. */
export function queryPhrases(q: string): string[] {
  return [...new Set(runs(q).map(r => r.text))];
}

function count(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  let at = haystack.indexOf(needle);
  while (at !== -1) {
    n += 1;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return n;
}

export interface SearchableText {
  title: string;
  summary: string;
  tags: string[];
  body: string;
}

/**
 * Relevance of an entry to a query: whole-phrase hits weigh most (title ≫ tags > summary > body),
 * then how many of the query's bigrams appear in the title. 0 means the phrases never occur
 * as written (the key match was only scattered characters).
 */
export function relevance(doc: SearchableText, q: string): number {
  const title = doc.title.toLowerCase();
  const summary = doc.summary.toLowerCase();
  const tags = doc.tags.join(' ').toLowerCase();
  const body = plainText(doc.body).toLowerCase();
  let score = 0;
  for (const phrase of queryPhrases(q)) {
    if (title === phrase) score += 20;
    score += Math.min(count(title, phrase), 3) * 10;
    score += Math.min(count(tags, phrase), 2) * 6;
    score += Math.min(count(summary, phrase), 3) * 4;
    score += Math.min(count(body, phrase), 5) * 1;
  }
  if (score === 0) return 0;
  const keys = queryKeys(q);
  score += keys.filter(k => title.includes(k)).length * 0.5;
  return score;
}

/**
 * A snippet of `text` (at most `width` characters) around the first phrase hit, with every hit
 * wrapped in 【】. Falls back to the start of the text when nothing matches.
 */
export function highlight(text: string, q: string, width = 80): string {
  const phrases = queryPhrases(q).filter(p => p.length > 0).sort((a, b) => b.length - a.length);
  const lower = text.toLowerCase();
  let first = -1;
  for (const p of phrases) {
    const at = lower.indexOf(p);
    if (at !== -1 && (first === -1 || at < first)) first = at;
  }
  const start = first <= 20 ? 0 : first - 20;
  const piece = text.slice(start, start + width);
  const lowerPiece = piece.toLowerCase();
  let out = '';
  let i = 0;
  while (i < piece.length) {
    const hit = phrases.find(p => lowerPiece.startsWith(p, i));
    if (hit) {
      out += `【${piece.slice(i, i + hit.length)}】`;
      i += hit.length;
    } else {
      out += piece[i];
      i += 1;
    }
  }
  return (start > 0 ? '…' : '') + out + (start + width < text.length ? '…' : '');
}

// ---------------------------------------------------------------------------
// Audience fit ("policies for me")
// ---------------------------------------------------------------------------

export { audienceFit, type AudienceFit, type AudienceSubject } from '../../contract/audience';

/** Whether an audience sets any condition at all (an empty audience is "everyone"). */
export function isTargeted(a: Audience): boolean {
  return audienceFit(a, {}).specificity > 0;
}

/**
 * Rank of a published entry for "policies for me": fit first (each matched condition is worth
 * a week of freshness), then freshness decaying with a 30-day half-life. Non-matching entries are
 * excluded by the caller.
 */
export function forMeScore(fit: AudienceFit, publishedAt: Date, now: Date): number {
  const ageDays = Math.max(0, (now.getTime() - publishedAt.getTime()) / 86_400_000);
  const freshness = Math.pow(0.5, ageDays / 30);
  return fit.specificity * 0.25 + freshness;
}

// ---------------------------------------------------------------------------
// Attachments, recognised by content
// ---------------------------------------------------------------------------

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;

/** Names in a zip's central directory (the authoritative list), or [] when it cannot be read. */
export function zipEntryNames(data: Buffer): string[] {
  // The end record is within the last 22 + 65,535 (comment) bytes.
  const floor = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let i = data.length - 22; i >= floor; i -= 1) {
    if (data.readUInt32LE(i) === ZIP_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return [];
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== ZIP_CENTRAL) return [];
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (at + 46 + nameLength > data.length) return [];
    names.push(data.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * What an uploaded attachment is, by its bytes: PDF/PNG/JPEG by their signatures (the job module's
 * sniffer), .doc/.xls as OLE2 compound files holding a WordDocument / Workbook stream, .docx/.xlsx as
 * zips whose directory has the OOXML parts. A zip of anything else, or an executable renamed to
 * .docx, is not an attachment.
 */
export function sniffAttachment(data: Buffer): AttachmentType | 'executable' | 'unknown' {
  const basic = sniffFileType(data.subarray(0, 16));
  if (basic !== 'unknown') return basic;
  if (data.length >= 512 && data.subarray(0, 8).equals(OLE2_MAGIC)) {
    // Directory entry names are UTF-16LE.
    if (data.includes(Buffer.from('WordDocument', 'utf16le'))) return 'doc';
    if (data.includes(Buffer.from('Workbook', 'utf16le')) || data.includes(Buffer.from('Book', 'utf16le'))) return 'xls';
    return 'unknown';
  }
  if (data.length >= 30 && data.readUInt32LE(0) === ZIP_LOCAL) {
    const names = new Set(zipEntryNames(data));
    if (!names.has('[Content_Types].xml')) return 'unknown';
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
  }
  return 'unknown';
}

/** The file name an attachment is served under: its display name with the type's extension. */
export function attachmentFileName(name: string, type: AttachmentType): string {
  const ext = type === 'jpeg' ? 'jpg' : type;
  const base = name.replace(/[\\/\u0000-\u001f"]/g, '_').trim() || '附件';
  return base.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`;
}

/** A display name from an uploaded file's name: without the extension, at most 60 characters. */
export function attachmentDisplayName(fileName: string | undefined): string {
  const base = (fileName ?? '').replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim();
  return (base || '附件').slice(0, 60);
}
