// class-transformer keeps its decorators' metadata in this module and does not re-export it from its
// index; `dto-mapping.ts` reads it (the same instance `plainToInstance` uses). The types ship with the package.
declare module 'class-transformer/cjs/storage.js' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage.js';
}
