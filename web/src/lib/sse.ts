/** One Server-Sent Event: its type (`message` when the stream names none) and its data lines joined by "\n". */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * A parser of a text/event-stream fed in chunks as they arrive (the console reads the stream with
 * fetch(), since EventSource cannot send the Authorization header). Returns the events each chunk
 * completes; a line or event cut between chunks waits for the rest. Follows the WHATWG rules the
 * console needs: `event:`/`data:` fields, one optional space after the colon, `:` comments, lines
 * ending in \n, \r\n or \r, an event dispatched on a blank line (none when it has no data).
 */
export function createSseParser(): (chunk: string) => SseEvent[] {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  // A chunk ending in \r may be cut inside a \r\n: the \n starting the next chunk is then no new line.
  let afterCr = false;
  return (chunk) => {
    buffer += afterCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    if (chunk) afterCr = chunk.endsWith('\r');
    const events: SseEvent[] = [];
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length) events.push({ event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    return events;
  };
}
