const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/**
 * A summary list value that keeps the line breaks a person typed. In an element of its own: on the
 * macro's <dd>, the template's own indentation would show as a blank first line.
 */
export const proseValue = (text: string): { readonly html: string } => ({ html: `<span class="app-prose">${escapeHtml(text)}</span>` });
