/**
 * Link worker: decodes one scenario link (checksum, unpacking with its limits, JSON, the
 * validator) off the page's thread and posts the validation back. Started per link by
 * src/share/linkDecoder.ts, which terminates it when a newer link arrives or it takes too long.
 */
import { decodeScenario } from '../src/scenario/codec.ts';

self.addEventListener('message', async (event: MessageEvent<string>) => {
  self.postMessage(await decodeScenario(event.data));
});
