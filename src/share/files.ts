/**
 * Scenario files (the same JSON the command line reads with --scenario) and downloads.
 */
import { formatBytes, formatCount, MAX_SCENARIO_CHARS, MAX_SCENARIO_FILE_BYTES } from '../scenario/limits.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scenarioTextFromBytes } from '../scenario/text.ts';
import { parseScenarioJson, type Validation } from '../scenario/validate.ts';

/** A scenario as a file: the whole document, defaults included, so it reads on its own. */
export function scenarioFileText(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

/** A file-name stem from a scenario name: "Burgum's tariff-free club" → "burgum-s-tariff-free-club". */
export function fileStem(name: string, fallback = 'scenario'): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || fallback;
}

/** What readScenarioFile needs of a File (a Blob with a name). */
export interface ScenarioFileLike {
  readonly name?: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * Reads and validates a scenario file. The size is checked before any byte is read, so a
 * 5 MB file is refused at once. The bytes become text as the command line reads them
 * (src/scenario/text.ts: UTF-8, or UTF-16 with a byte-order mark). Never throws.
 */
export async function readScenarioFile(file: ScenarioFileLike): Promise<Validation> {
  const label = file.name ? `"${file.name}"` : 'the file';
  if (file.size > MAX_SCENARIO_FILE_BYTES) {
    return {
      ok: false,
      errors: [
        `${label} is ${formatBytes(file.size)}; a scenario file is at most ${formatBytes(MAX_SCENARIO_FILE_BYTES)} (${formatCount(MAX_SCENARIO_CHARS)} characters of JSON)`,
      ],
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return {
      ok: false,
      errors: [`${label} could not be read: ${(error as Error)?.message ?? String(error)}`],
    };
  }
  const text = scenarioTextFromBytes(bytes, label);
  return text.ok ? parseScenarioJson(text.text) : { ok: false, errors: [text.error] };
}

/**
 * Starts a download of `blob` as `fileName` (an <a download> on a blob: URL; no server).
 * The URL is released a minute later: revoking it at once can cancel the download in some
 * browsers.
 */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function downloadText(text: string, fileName: string, type: string, doc: Document = document): void {
  downloadBlob(new Blob([text], { type }), fileName, doc);
}
