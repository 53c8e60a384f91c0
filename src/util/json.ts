/**
 * The text of JSON.stringify(list, null, 2), in pieces of about `size` characters: a list of 200,000 results
 * is written out without ever being one string of a hundred megabytes.
 */
export function* jsonArrayChunks(list: readonly unknown[], size = 1 << 16): Generator<string> {
  if (!list.length) {
    yield '[]';
    return;
  }
  let chunk = '[\n';
  for (let k = 0; k < list.length; k++) {
    // An element, indented one level (JSON text holds no raw line break but those of the layout).
    const el = JSON.stringify(list[k], null, 2) ?? 'null';
    chunk += `  ${el.replace(/\n/g, '\n  ')}${k === list.length - 1 ? '\n]' : ',\n'}`;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
