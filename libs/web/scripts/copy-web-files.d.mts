/** Copies libs/web's views and assets under `compiledRoot`/libs/web (any tree the sources were compiled into). */
export function copyWebFiles(compiledRoot: string): void;
