/** A zeroed typed array of `n` elements on a SharedArrayBuffer: worker threads read and write it without a copy. */
export function sharedArray<T extends Float64Array | Int32Array>(Ctor: { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, n: number): T {
  return new Ctor(new SharedArrayBuffer(n * Ctor.BYTES_PER_ELEMENT));
}
