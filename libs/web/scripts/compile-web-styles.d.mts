/** The stylesheets as Sass compiles them from libs/web/sass: { 'compact.css': css, 'print.css': css }. */
export function compileWebStyles(): Record<string, string>;
