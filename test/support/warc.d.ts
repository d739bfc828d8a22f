/** The npm `warc` parser (plain JavaScript): a Transform from WARC bytes to parsed records. */
declare module 'warc' {
  import { Transform } from 'node:stream';
  export default class WARCStream extends Transform {
    constructor(options?: { objectMode?: boolean });
  }
}
