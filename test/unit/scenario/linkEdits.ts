/**
 * Every one-character edit of a link payload (a character replaced by any other link
 * character, deleted, or inserted), and what each one opens as: the measure of how well a
 * link's checksum catches accidental damage (docs/links.md quotes the counts).
 */
import { checkedPayload, decodeScenario, deflateRaw, toBase64Url } from '../../../src/scenario/codec.ts';
import type { Scenario } from '../../../src/scenario/schema.ts';

const LINK_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';

export function* oneCharacterEdits(payload: string): Generator<string> {
  for (let at = 0; at <= payload.length; at++) {
    for (const c of LINK_CHARS) {
      yield payload.slice(0, at) + c + payload.slice(at);
      if (at < payload.length && c !== payload[at]) yield payload.slice(0, at) + c + payload.slice(at + 1);
    }
    if (at < payload.length) yield payload.slice(0, at) + payload.slice(at + 1);
  }
}

export interface EditCounts {
  edits: number;
  /** Refused with a message. */
  refused: number;
  /** Opened as the very same scenario (e.g. an edit that only changes padding bits). */
  same: number;
  /** Opened as another scenario, with the note that the link could not be checked. */
  otherWithNote: number;
  /** Opened as another scenario without a word: what a checksum must prevent. */
  otherSilently: number;
}

export async function classifyEdits(payload: string, original: Scenario): Promise<EditCounts> {
  const counts: EditCounts = { edits: 0, refused: 0, same: 0, otherWithNote: 0, otherSilently: 0 };
  const originalJson = JSON.stringify(original);
  for (const edited of new Set(oneCharacterEdits(payload))) {
    if (edited === payload) continue;
    counts.edits++;
    const result = await decodeScenario(edited);
    if (!result.ok) counts.refused++;
    else if (JSON.stringify(result.scenario) === originalJson) counts.same++;
    else if (result.notes?.length) counts.otherWithNote++;
    else counts.otherSilently++;
  }
  return counts;
}

/**
 * The hostile link of issue 12: under 1.4 kB that unpack to 666,688 characters (within the
 * character limit) holding 333,333 values under one scenario field; it carries a valid
 * checksum. Before the value limit, JSON.parse and the validator went through all of them.
 */
export async function hostileLink(): Promise<string> {
  const text = `{"seed":1,"zones":[${'0,'.repeat(333_332)}0]}`;
  return checkedPayload(1, toBase64Url(await deflateRaw(new TextEncoder().encode(text))));
}
