/**
 * The calibration episodes of the shared data (episodes.md) as scenarios: the tests check their
 * direction (test/unit/engine/episodes.test.ts) and the validation page (docs/validation.md,
 * src/research/validation.ts) compares their magnitudes with the observed ones.
 */
import type { ScenarioInput } from '../scenario/schema.ts';

/** V2: Indonesia bans nickel ore exports from month 12 (as in January 2014). */
export const INDONESIA_ORE_BAN: Partial<ScenarioInput> & { months: number } = {
  months: 72,
  exportControls: [{ exporter: 'IDN', mineral: 'nickel', stage: 'mine', kind: 'ban', start: 12 }],
};

/** V10: a lithium demand surge of 60%/yr from month 6 to 24, then the STEPS pace (14%/yr). */
export const LITHIUM_BOOM: Partial<ScenarioInput> & { months: number } = {
  months: 84,
  demandGrowth: [
    { mineral: 'lithium', ratePerYear: 0.6, start: 6, end: 24 },
    { mineral: 'lithium', ratePerYear: 0.14, start: 24 },
  ],
};

/**
 * V11: an export tax and no quota — China's 15% tax and the lost 16% VAT rebate on separated
 * rare earths, as a licence fee with no delay: the outside/inside price ratio should settle at
 * about 1.15 × 1.16.
 */
export const EXPORT_TAX_WEDGE: Partial<ScenarioInput> & { months: number } = {
  months: 36,
  exportControls: [
    {
      exporter: 'CHN',
      mineral: 'rare_earths',
      stage: 'refine',
      kind: 'licence',
      licenceDelayMonths: 0,
      licenceFee: 1.15 * 1.16 - 1,
    },
  ],
};
