import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSseParser } from './sse.js';

describe('createSseParser', () => {
  it('reads named events with their data, whatever the chunks cut', () => {
    const stream = 'event: progress\ndata: {"done":1}\n\n: a comment\nevent: completed\ndata: {"done":3}\n\n';
    for (const size of [1, 3, 7, stream.length]) {
      const parse = createSseParser();
      const events = [];
      for (let at = 0; at < stream.length; at += size) events.push(...parse(stream.slice(at, at + size)));
      assert.deepEqual(
        events,
        [
          { event: 'progress', data: '{"done":1}' },
          { event: 'completed', data: '{"done":3}' },
        ],
        `chunks of ${size}`,
      );
    }
  });

  it('joins data lines, accepts \\r\\n and \\r line ends (also cut between chunks), and names an unnamed event message', () => {
    const parse = createSseParser();
    assert.deepEqual(parse('data:a\r'), []);
    assert.deepEqual(parse('\ndata:  b\r\r'), [{ event: 'message', data: 'a\n b' }]);
  });

  it('dispatches nothing for an event without data, nor before its blank line', () => {
    const parse = createSseParser();
    assert.deepEqual(parse('event: progress\n\n'), []);
    assert.deepEqual(parse('event: completed\ndata: {}\n'), []);
    assert.deepEqual(parse('\n'), [{ event: 'completed', data: '{}' }]);
  });
});
