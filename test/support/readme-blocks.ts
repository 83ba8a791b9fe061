/** The shell blocks README.md marks `<!-- readme-test: <mark> -->`, in order, exactly as written there. */
export function runnableBlocks(markdown: string, mark = 'run'): string[] {
  return [...markdown.matchAll(new RegExp(`<!-- readme-test: ${mark} -->\\r?\\n\`\`\`(?:sh|bash)\\r?\\n([\\s\\S]*?)\\r?\\n\`\`\``, 'g'))].map((m) => m[1]!);
}
