// class-transformer keeps its decorators' metadata in this module and does not re-export it from
// its index; the compiled DTO checks read it once per class (compiled-dto.ts).
declare module 'class-transformer/cjs/storage.js' {
  import { type MetadataStorage } from 'class-transformer/types/MetadataStorage.js';

  export const defaultMetadataStorage: MetadataStorage;
}
