// Written by scripts/generate-status-quo.ts: do not edit (a unit test keeps it equal to the status-quo preset validated now).
import type { Scenario } from '../../scenario/schema.ts';

export const STATUS_QUO_SCENARIO: Scenario = {
  "version": 1,
  "name": "Status quo",
  "description": "",
  "seed": 1,
  "months": 120,
  "resolution": 5000,
  "zones": [],
  "tariffs": [
    {
      "importer": "USA",
      "exporter": "CHN",
      "mineral": "all",
      "stage": "all",
      "rate": 0.1,
      "note": "US fentanyl-related tariff on imports from China, halved to 10% after the October 2025 Trump–Xi meeting (seed 001).",
      "start": 0,
      "end": null,
      "announced": null
    }
  ],
  "priceFloors": [],
  "priceGapSubsidies": [],
  "exportControls": [],
  "offtakes": [],
  "stockpiles": [],
  "disruptions": [],
  "shocks": [],
  "demandGrowth": [],
  "permitting": [],
  "investmentSupport": [],
  "projects": [],
  "recycling": [],
  "standards": [],
  "startingStocks": [],
  "capacityOverrides": [],
  "elasticities": {
    "demand": -0.2,
    "demandByMineral": {},
    "demandLongRun": -0.6,
    "demandLongRunByMineral": {},
    "substitution": 5,
    "substitutionByMineral": {},
    "priceAdjustment": 0.1
  },
  "market": {
    "freightUsdPerTonneKm": 0.004,
    "handlingUsdPerTonne": 25,
    "hurdle": 0.25,
    "mineBuildLagMonths": 48,
    "processorBuildLagMonths": 24,
    "expansionLagMonths": 18,
    "precautionaryCoverMonths": 3
  }
};

/** What a link to it holds, as encodeScenario checks it reads back: its values other than the defaults. */
export const STATUS_QUO_LINK_DOCUMENT: Record<string, unknown> = {
  "version": 1,
  "seed": 1
};

/** What a run of it asks for its status-quo twin (src/ui/runSession.ts: statusQuoFor), which is itself. */
export const STATUS_QUO_TWIN_DOCUMENT: Record<string, unknown> = {
  "version": 1,
  "name": "Status quo",
  "months": 120,
  "seed": 1,
  "resolution": 5000
};
