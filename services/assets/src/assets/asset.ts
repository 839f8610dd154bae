/** One encoding of a file's bytes, with the strong ETag that names exactly these bytes. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** Content-Encoding; absent for the file as it is. */
  encoding?: 'br' | 'gzip';
}

/** A file served under /assets/, held in memory with everything a response needs precomputed. */
export interface Asset {
  name: string;
  contentType: string;
  /** Modification time, whole seconds (what an HTTP date can carry), in ms since the epoch. */
  modifiedMs: number;
  identity: Representation;
  /** Smaller encodings of text files, best first (br, then gzip); empty for images. */
  compressed: Representation[];
}
