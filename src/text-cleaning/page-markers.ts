/**
 * Page markers: the one pattern for the "-- 2 of 5 --" lines pdf-parse writes between pages, and
 * for "Page 2 of 5" footers. Text cleaning drops them (markers from the stored text, footers from
 * what the resume parser reads), and the skill extractor masks markers.
 */
export const PAGE_MARKER = /--\s*\d+\s+of\s+\d+\s*--/;

/** A line that is only a pdf-parse page marker. */
export const PAGE_MARKER_LINE = new RegExp(`^\\s*${PAGE_MARKER.source}\\s*$`);

/** A line that is only a page-number footer ("Page 2 of 5", "page 2 / 5"). */
export const PAGE_FOOTER_LINE = /^\s*page\s+\d+\s+(?:of|\/)\s+\d+\s*$/i;
