/**
 * Adding and removing zone members. The EU is a customs union (the schema rejects a zone with
 * only some EU members), so any EU node adds or removes all of them: the 13 members that
 * attended on their own and 'EUR', the other 14.
 */
import { EU_MEMBERS } from '../data/groups';

export function isEuNode(code: string): boolean {
  return EU_MEMBERS.includes(code);
}

/** Members after a click on `code`: toggles the node, or the whole EU for an EU node. */
export function toggleMember(members: readonly string[], code: string): string[] {
  if (isEuNode(code)) {
    const allIn = EU_MEMBERS.every((c) => members.includes(c));
    if (allIn || members.includes(code)) return members.filter((c) => !isEuNode(c));
    return [...members, ...EU_MEMBERS.filter((c) => !members.includes(c))];
  }
  return members.includes(code) ? members.filter((c) => c !== code) : [...members, code];
}
