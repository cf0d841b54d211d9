// Written by scripts/generate-json-schema.ts (`npm run docs`): do not edit (a unit test keeps it equal to the schema).
import type { JsonNode } from '../../scenario/jsonSchema.ts';

export const SCENARIO_JSON_SCHEMA: JsonNode = {
 "$schema": "https://json-schema.org/draft/2020-12/schema",
 "type": "object",
 "properties": {
  "version": {
   "type": "number",
   "const": 1,
   "description": "Schema version of this document."
  },
  "name": {
   "default": "Status quo",
   "label": "Name",
   "widget": "text",
   "description": "Display name.",
   "type": "string",
   "maxLength": 200
  },
  "description": {
   "default": "",
   "label": "Description",
   "widget": "textarea",
   "description": "What the scenario represents and its sources.",
   "type": "string",
   "maxLength": 5000
  },
  "seed": {
   "default": 1,
   "label": "Seed",
   "widget": "number",
   "description": "Random seed: the same seed gives the same numbers.",
   "type": "integer",
   "minimum": 0,
   "maximum": 4294967295
  },
  "months": {
   "default": 120,
   "label": "Months",
   "widget": "number",
   "description": "Months to simulate.",
   "type": "integer",
   "minimum": 1,
   "maximum": 600
  },
  "resolution": {
   "default": 5000,
   "label": "Agents (resolution)",
   "widget": "number",
   "description": "Number of agents (firms and consumers): ~5,000 for teaching, 1,000,000+ for research.",
   "type": "integer",
   "minimum": 1000,
   "maximum": 5000000
  },
  "zones": {
   "default": [],
   "description": "Preferential trade zones.",
   "maxItems": 20,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]{0,31}$",
      "rule": "a zone id is lower-case letters, digits and \"-\", starting with a letter",
      "label": "Id",
      "widget": "text",
      "description": "Short id used by other levers to name this zone, e.g. \"ministerial\"."
     },
     "name": {
      "type": "string",
      "maxLength": 120,
      "label": "Name",
      "widget": "text",
      "description": "Display name."
     },
     "members": {
      "minItems": 1,
      "maxItems": 200,
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{3}$",
       "rule": "a node code is three capital letters, e.g. \"CHN\""
      },
      "label": "Members",
      "widget": "members",
      "description": "Node codes of the members."
     },
     "internalTariff": {
      "default": 0,
      "label": "Internal tariff",
      "widget": "number",
      "description": "Tariff on trade between members, fraction (0 = tariff-free).",
      "type": "number",
      "minimum": 0,
      "maximum": 10
     },
     "externalTariff": {
      "default": null,
      "label": "Common external tariff",
      "widget": "number",
      "description": "Common tariff on imports from non-members, fraction; null = members keep their own tariffs.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0,
        "maximum": 10
       },
       {
        "type": "null"
       }
      ]
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "id",
     "name",
     "members"
    ],
    "additionalProperties": false
   }
  },
  "tariffs": {
   "default": [
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
   "description": "MFN and bilateral tariffs. Default: the tariffs in force in February 2026 (see STATUS_QUO_TARIFFS).",
   "maxItems": 500,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "importer": {
      "type": "string",
      "minLength": 2,
      "maxLength": 3,
      "label": "Importer",
      "widget": "importer",
      "description": "Importing node code, or \"EU\" for the EU customs union (EU members cannot have their own tariff)."
     },
     "exporter": {
      "default": "all",
      "label": "Exporter",
      "widget": "exporterOrAll",
      "description": "Exporting node code, or \"all\" for a most-favoured-nation (MFN) tariff.",
      "type": "string",
      "maxLength": 3
     },
     "mineral": {
      "default": "all",
      "description": "Mineral, or \"all\".",
      "type": "string",
      "rule": "mineral must be \"all\" or one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium",
      "label": "Mineral",
      "widget": "mineralOrAll"
     },
     "stage": {
      "default": "all",
      "description": "Stage, or \"all\".",
      "type": "string",
      "rule": "stage must be \"all\" or one of: mine, refine, magnet",
      "label": "Stage",
      "widget": "stageOrAll"
     },
     "rate": {
      "type": "number",
      "minimum": 0,
      "maximum": 10,
      "label": "Rate",
      "widget": "number",
      "description": "Ad valorem tariff, fraction of the origin price (0.1 = 10%)."
     },
     "note": {
      "label": "Note",
      "widget": "text",
      "description": "Why the tariff exists (source).",
      "type": "string",
      "maxLength": 500
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "importer",
     "rate"
    ],
    "additionalProperties": false
   }
  },
  "priceFloors": {
   "default": [],
   "description": "Border-adjusted price floors.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "zone": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]{0,31}$",
      "rule": "a zone id is lower-case letters, digits and \"-\", starting with a letter",
      "label": "Zone",
      "widget": "zone",
      "description": "Zone that applies the floor at its border."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "floor": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Floor",
      "widget": "number",
      "priceHint": true,
      "description": "Reference price F, USD/t. Imports from outside the zone pay a variable levy max(0, F − landed cost), recomputed monthly."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "zone",
     "mineral",
     "stage",
     "floor"
    ],
    "additionalProperties": false
   }
  },
  "priceGapSubsidies": {
   "default": [],
   "description": "Price-gap subsidies: a zone pays its producers the gap between a reference price and the market price.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "type": "string",
      "minLength": 1,
      "maxLength": 32,
      "label": "Paid by",
      "widget": "scope",
      "description": "Zone id or node code whose producers are paid the gap."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "referencePrice": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Reference price",
      "widget": "number",
      "priceHint": true,
      "description": "Producers are paid max(0, reference − market price) per tonne sold, USD/t."
     },
     "budgetUsd": {
      "default": null,
      "label": "Budget (USD)",
      "widget": "number",
      "description": "Total budget, USD; null = unlimited.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0
       },
       {
        "type": "null"
       }
      ]
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "scope",
     "mineral",
     "stage",
     "referencePrice"
    ],
    "additionalProperties": false
   }
  },
  "exportControls": {
   "default": [],
   "description": "Export bans, quotas and licences by an exporting node.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "exporter": {
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "rule": "a node code is three capital letters, e.g. \"CHN\"",
      "label": "Exporter",
      "widget": "node",
      "description": "Node that restricts its exports."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "rule": "stage must be \"all\" or one of: mine, refine, magnet",
      "label": "Stage",
      "widget": "stageOrAll",
      "description": "Stage restricted, or \"all\"."
     },
     "kind": {
      "type": "string",
      "enum": [
       "ban",
       "quota",
       "licence"
      ],
      "label": "Kind",
      "widget": "enum",
      "description": "ban: no exports; quota: at most quotaTonnesPerMonth (0 t is a ban); licence: exports need approvals that come after a processing delay and for a share of the applications each month, with an optional fee."
     },
     "destinations": {
      "default": "all",
      "label": "Destinations",
      "widget": "destinations",
      "description": "\"all\", or a list of node codes and zone ids the control applies to.",
      "anyOf": [
       {
        "type": "string",
        "const": "all"
       },
       {
        "minItems": 1,
        "maxItems": 200,
        "type": "array",
        "items": {
         "type": "string",
         "minLength": 1,
         "maxLength": 32
        }
       }
      ]
     },
     "exempt": {
      "default": [],
      "label": "Exempt",
      "widget": "scopeList",
      "description": "Node codes or zone ids exempted (\"to all but a list\").",
      "maxItems": 200,
      "type": "array",
      "items": {
       "type": "string",
       "minLength": 1,
       "maxLength": 32
      }
     },
     "quotaTonnesPerMonth": {
      "default": 0,
      "label": "Quota",
      "widget": "number",
      "visibleIf": {
       "field": "kind",
       "in": [
        "quota"
       ]
      },
      "description": "Quota: tonnes per month to the restricted destinations together.",
      "type": "number",
      "minimum": 0,
      "maximum": 10000000000
     },
     "licenceDelayMonths": {
      "default": 2,
      "label": "Licence delay",
      "widget": "number",
      "visibleIf": {
       "field": "kind",
       "in": [
        "licence"
       ]
      },
      "description": "Licence: months an application is processed before it can be approved.",
      "type": "integer",
      "minimum": 0,
      "maximum": 24
     },
     "approvalShare": {
      "default": 1,
      "label": "Approved a month",
      "widget": "number",
      "visibleIf": {
       "field": "kind",
       "in": [
        "licence"
       ]
      },
      "description": "Licence: share of the processed applications (the backlog) approved each month, fraction; the rest waits.",
      "type": "number",
      "minimum": 0,
      "maximum": 1
     },
     "licenceFee": {
      "default": 0,
      "label": "Licence fee",
      "widget": "number",
      "visibleIf": {
       "field": "kind",
       "in": [
        "licence"
       ]
      },
      "description": "Licence: fee as a fraction of the origin price, collected by the exporting state.",
      "type": "number",
      "minimum": 0,
      "maximum": 5
     },
     "rentHolder": {
      "default": "exporter-firms",
      "label": "Rent goes to",
      "widget": "enum",
      "visibleIf": {
       "field": "kind",
       "in": [
        "quota",
        "licence"
       ]
      },
      "description": "Who holds the scarcity rent of a binding quota or licence (export price − domestic price): the exporting firms (higher receipts), the exporting state (licence revenue) or the importers holding quota.",
      "type": "string",
      "enum": [
       "exporter-firms",
       "exporter-state",
       "importers"
      ]
     },
     "note": {
      "label": "Note",
      "widget": "text",
      "type": "string",
      "maxLength": 500
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "exporter",
     "mineral",
     "stage",
     "kind"
    ],
    "additionalProperties": false
   }
  },
  "offtakes": {
   "default": [],
   "description": "Offtake agreements: a buyer takes a share of a producer's output at an agreed price.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "buyer": {
      "type": "string",
      "minLength": 1,
      "maxLength": 32,
      "label": "Buyer",
      "widget": "scope",
      "description": "Node code or zone id that takes the material."
     },
     "seller": {
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "rule": "a node code is three capital letters, e.g. \"CHN\"",
      "label": "Seller",
      "widget": "node",
      "description": "Producing node."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "share": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "label": "Share",
      "widget": "number",
      "description": "Share of the seller's monthly offer committed to the buyer, fraction."
     },
     "priceUsdPerTonne": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Price",
      "widget": "number",
      "priceHint": true,
      "description": "Agreed price, USD/t, paid to the seller for the committed volume."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "buyer",
     "seller",
     "mineral",
     "stage",
     "share",
     "priceUsdPerTonne"
    ],
    "additionalProperties": false
   }
  },
  "stockpiles": {
   "default": [],
   "description": "Stockpile agencies: buy below a trigger within a budget, release above a trigger or in a declared disruption.",
   "maxItems": 50,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "maxLength": 120,
      "label": "Name",
      "widget": "text"
     },
     "holder": {
      "type": "string",
      "minLength": 1,
      "maxLength": 32,
      "label": "Holder",
      "widget": "scope",
      "description": "Node code or zone id holding the stockpile (a zone holds it at its largest consumer)."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "budgetUsd": {
      "type": "number",
      "minimum": 0,
      "maximum": 10000000000000,
      "label": "Budget (USD)",
      "widget": "number",
      "description": "Money available for purchases, USD."
     },
     "initialTonnes": {
      "default": 0,
      "label": "Initial stock",
      "widget": "number",
      "description": "Stock at the start, t.",
      "type": "number",
      "minimum": 0,
      "maximum": 10000000000
     },
     "buyBelowUsd": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Buy below",
      "widget": "number",
      "priceHint": true,
      "description": "Buys while the holder's price is below this, USD/t."
     },
     "releaseAboveUsd": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Release above",
      "widget": "number",
      "priceHint": true,
      "description": "Releases while the holder's price is above this, USD/t."
     },
     "maxBuyTonnesPerMonth": {
      "type": "number",
      "minimum": 0,
      "maximum": 10000000000,
      "label": "Max purchase",
      "widget": "number",
      "description": "Purchase limit, t/month."
     },
     "maxReleaseTonnesPerMonth": {
      "type": "number",
      "minimum": 0,
      "maximum": 10000000000,
      "label": "Max release",
      "widget": "number",
      "description": "Release limit, t/month."
     },
     "releaseOnDisruption": {
      "default": true,
      "label": "Release in a disruption",
      "widget": "bool",
      "description": "Also releases during a declared disruption: 1.5 × last month's unmet demand in its scope, within the limit.",
      "type": "boolean"
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "name",
     "holder",
     "mineral",
     "stage",
     "budgetUsd",
     "buyBelowUsd",
     "releaseAboveUsd",
     "maxBuyTonnesPerMonth",
     "maxReleaseTonnesPerMonth"
    ],
    "additionalProperties": false
   }
  },
  "disruptions": {
   "default": [],
   "description": "Declared disruptions (stockpiles may release).",
   "maxItems": 50,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "default": "all",
      "description": "Stage, or \"all\".",
      "type": "string",
      "rule": "stage must be \"all\" or one of: mine, refine, magnet",
      "label": "Stage",
      "widget": "stageOrAll"
     },
     "note": {
      "label": "Note",
      "widget": "text",
      "type": "string",
      "maxLength": 500
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "mineral"
    ],
    "additionalProperties": false
   }
  },
  "shocks": {
   "default": [],
   "description": "Supply shocks: capacity lost at a node for a period.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "node": {
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "rule": "a node code is three capital letters, e.g. \"CHN\"",
      "label": "Node",
      "widget": "node",
      "description": "Node whose capacity is lost."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "capacityLoss": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "label": "Capacity lost",
      "widget": "number",
      "description": "Share of the capacity lost while the shock lasts, fraction."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "node",
     "mineral",
     "stage",
     "capacityLoss"
    ],
    "additionalProperties": false
   }
  },
  "demandGrowth": {
   "default": [],
   "description": "Demand growth paths; later entries override earlier ones and the data default.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "default": "world",
      "label": "Where",
      "widget": "scopeOrWorld",
      "description": "\"world\", a zone id or a node code.",
      "type": "string",
      "minLength": 1,
      "maxLength": 32
     },
     "mineral": {
      "default": "all",
      "description": "Mineral, or \"all\".",
      "type": "string",
      "rule": "mineral must be \"all\" or one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium",
      "label": "Mineral",
      "widget": "mineralOrAll"
     },
     "ratePerYear": {
      "type": "number",
      "minimum": -0.5,
      "maximum": 2,
      "label": "Rate per year",
      "widget": "number",
      "description": "Compound growth of base demand, per year (0.1 = 10%/yr)."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "ratePerYear"
    ],
    "additionalProperties": false
   }
  },
  "permitting": {
   "default": [],
   "description": "Permitting: build lags for new capacity in a scope.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "type": "string",
      "minLength": 1,
      "maxLength": 32,
      "label": "Where",
      "widget": "scopeOrWorld",
      "description": "\"world\", a zone id or a node code."
     },
     "mineral": {
      "default": "all",
      "description": "Mineral, or \"all\".",
      "type": "string",
      "rule": "mineral must be \"all\" or one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium",
      "label": "Mineral",
      "widget": "mineralOrAll"
     },
     "stage": {
      "default": "all",
      "description": "Stage, or \"all\".",
      "type": "string",
      "rule": "stage must be \"all\" or one of: mine, refine, magnet",
      "label": "Stage",
      "widget": "stageOrAll"
     },
     "buildLagMonths": {
      "type": "integer",
      "minimum": 1,
      "maximum": 240,
      "label": "Build lag",
      "widget": "number",
      "description": "Months from an investment decision to new capacity."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "scope",
     "buildLagMonths"
    ],
    "additionalProperties": false
   }
  },
  "investmentSupport": {
   "default": [],
   "description": "Investment support (government equity or finance) that lowers the hurdle for new capacity.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "type": "string",
      "minLength": 1,
      "maxLength": 32,
      "label": "Where",
      "widget": "scopeOrWorld",
      "description": "\"world\", a zone id or a node code."
     },
     "mineral": {
      "default": "all",
      "description": "Mineral, or \"all\".",
      "type": "string",
      "rule": "mineral must be \"all\" or one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium",
      "label": "Mineral",
      "widget": "mineralOrAll"
     },
     "stage": {
      "default": "all",
      "description": "Stage, or \"all\".",
      "type": "string",
      "rule": "stage must be \"all\" or one of: mine, refine, magnet",
      "label": "Stage",
      "widget": "stageOrAll"
     },
     "hurdleReduction": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "label": "Hurdle cut",
      "widget": "number",
      "description": "Cut in the expected margin new capacity must clear (government equity or finance), fraction of unit cost."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "scope",
     "hurdleReduction"
    ],
    "additionalProperties": false
   }
  },
  "projects": {
   "default": [],
   "description": "Named capacity projects.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "name": {
      "type": "string",
      "maxLength": 120,
      "label": "Name",
      "widget": "text",
      "description": "E.g. \"MP Materials 10X magnet plant\"."
     },
     "node": {
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "rule": "a node code is three capital letters, e.g. \"CHN\"",
      "label": "Node",
      "widget": "node"
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "capacityTonnesPerYear": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Capacity",
      "widget": "number",
      "description": "Capacity, t/yr."
     },
     "unitCostUsdPerTonne": {
      "type": "number",
      "exclusiveMinimum": 0,
      "maximum": 1000000000,
      "label": "Unit cost",
      "widget": "number",
      "priceHint": true,
      "description": "Cash cost, USD/t (processors: processing cost excluding input)."
     },
     "startMonth": {
      "type": "integer",
      "minimum": 0,
      "maximum": 1200,
      "label": "Start month",
      "widget": "month",
      "description": "Month the capacity comes online."
     }
    },
    "required": [
     "name",
     "node",
     "mineral",
     "stage",
     "capacityTonnesPerYear",
     "unitCostUsdPerTonne",
     "startMonth"
    ],
    "additionalProperties": false
   }
  },
  "recycling": {
   "default": [],
   "description": "Recycling: a share of past consumption returns as secondary refined supply.",
   "maxItems": 100,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "default": "world",
      "label": "Where",
      "widget": "scopeOrWorld",
      "description": "\"world\", a zone id or a node code.",
      "type": "string",
      "minLength": 1,
      "maxLength": 32
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "share": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "label": "Share",
      "widget": "number",
      "description": "Share of the scope's consumption that returns as secondary refined supply, fraction."
     },
     "lagMonths": {
      "default": 12,
      "label": "Lag",
      "widget": "number",
      "description": "Months between consumption and return.",
      "type": "integer",
      "minimum": 0,
      "maximum": 240
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "mineral",
     "share"
    ],
    "additionalProperties": false
   }
  },
  "standards": {
   "default": [],
   "description": "Standards-based markets.",
   "maxItems": 50,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "zone": {
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]{0,31}$",
      "rule": "a zone id is lower-case letters, digits and \"-\", starting with a letter",
      "label": "Zone",
      "widget": "zone",
      "description": "Zone that requires the standard."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "requiredShare": {
      "type": "number",
      "minimum": 0,
      "maximum": 1,
      "label": "Required share",
      "widget": "number",
      "description": "Share of the zone's purchases that must come from compliant origins, fraction."
     },
     "compliantOrigins": {
      "maxItems": 200,
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[A-Z]{3}$",
       "rule": "a node code is three capital letters, e.g. \"CHN\""
      },
      "label": "Compliant origins",
      "widget": "nodeList",
      "description": "Node codes that meet the standard."
     },
     "start": {
      "default": 0,
      "label": "Start month",
      "widget": "month",
      "description": "First month the lever is active (0 = January 2026).",
      "type": "integer",
      "minimum": 0,
      "maximum": 1200
     },
     "end": {
      "default": null,
      "label": "End month",
      "widget": "monthOrNull",
      "description": "Month the lever stops (exclusive); null = until the end of the run.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     },
     "announced": {
      "default": null,
      "label": "Announced in month",
      "widget": "monthOrNull",
      "description": "Month the lever is announced, at or before its start; null = it takes effect unannounced. Between the announcement and the start, the buyers an announced export control, tariff or supply shock will hit build precautionary stocks.",
      "anyOf": [
       {
        "type": "integer",
        "minimum": 0,
        "maximum": 1200
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "zone",
     "mineral",
     "stage",
     "requiredShare",
     "compliantOrigins"
    ],
    "additionalProperties": false
   }
  },
  "startingStocks": {
   "default": [],
   "description": "Starting stocks per scope and stage, in months of cover; later entries override earlier ones.",
   "maxItems": 200,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "scope": {
      "default": "world",
      "label": "Where",
      "widget": "scopeOrWorld",
      "description": "\"world\", a zone id or a node code.",
      "type": "string",
      "minLength": 1,
      "maxLength": 32
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "producerMonths": {
      "default": null,
      "label": "Producers' stock (months)",
      "widget": "number",
      "description": "Finished goods held by the stage's producers at the start, months of their output; null = the data default.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0,
        "maximum": 60
       },
       {
        "type": "null"
       }
      ]
     },
     "buyerMonths": {
      "default": null,
      "label": "Buyers' stock (months)",
      "widget": "number",
      "description": "Stock of this good held by its buyers at the start (processors of the next stage, final consumers), months of their use; null = the data default.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0,
        "maximum": 60
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "mineral",
     "stage"
    ],
    "additionalProperties": false
   }
  },
  "capacityOverrides": {
   "default": [],
   "description": "Start from another structure: a node's starting output per mineral and stage, as tonnes or as a share of the world (2024 calibration otherwise).",
   "maxItems": 200,
   "type": "array",
   "items": {
    "type": "object",
    "properties": {
     "node": {
      "type": "string",
      "pattern": "^[A-Z]{3}$",
      "rule": "a node code is three capital letters, e.g. \"CHN\"",
      "label": "Node",
      "widget": "node",
      "description": "Node whose starting output and capacity change."
     },
     "mineral": {
      "type": "string",
      "label": "Mineral",
      "widget": "mineral",
      "description": "Mineral id: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium.",
      "rule": "mineral must be one of: lithium, nickel, cobalt, graphite, rare_earths, copper, manganese, silicon, gallium, germanium, antimony, tungsten, platinum, palladium"
     },
     "stage": {
      "type": "string",
      "label": "Stage",
      "widget": "stage",
      "description": "Stage id: mine, refine, magnet (magnet: rare earths only).",
      "rule": "stage must be one of: mine, refine, magnet"
     },
     "tonnesPerYear": {
      "default": null,
      "label": "Output (t/yr)",
      "widget": "number",
      "description": "Starting output, t/yr (capacity follows from the stage utilisation); the world total changes by the difference.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0,
        "maximum": 10000000000
       },
       {
        "type": "null"
       }
      ]
     },
     "worldShare": {
      "default": null,
      "label": "Share of world",
      "widget": "number",
      "description": "Starting share of world output, fraction; the other nodes' output is scaled so the world total stays as calibrated.",
      "anyOf": [
       {
        "type": "number",
        "minimum": 0,
        "maximum": 1
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "node",
     "mineral",
     "stage"
    ],
    "additionalProperties": false
   }
  },
  "elasticities": {
   "description": "Behavioural elasticities.",
   "title": "Elasticities",
   "summary": "How demand and the choice between origins respond to prices.",
   "default": {},
   "type": "object",
   "properties": {
    "demand": {
     "default": -0.2,
     "label": "Demand",
     "widget": "number",
     "description": "Price elasticity of final demand (short run; minerals are inelastic).",
     "type": "number",
     "minimum": -3,
     "maximum": 0
    },
    "demandByMineral": {
     "default": {},
     "description": "Overrides per mineral id.",
     "label": "Demand, per mineral",
     "widget": "byMineral",
     "type": "object",
     "propertyNames": {
      "type": "string",
      "enum": [
       "lithium",
       "nickel",
       "cobalt",
       "graphite",
       "rare_earths",
       "copper",
       "manganese",
       "silicon",
       "gallium",
       "germanium",
       "antimony",
       "tungsten",
       "platinum",
       "palladium"
      ]
     },
     "additionalProperties": {
      "type": "number",
      "minimum": -3,
      "maximum": 0
     }
    },
    "demandLongRun": {
     "default": -0.6,
     "label": "Demand, long run",
     "widget": "number",
     "description": "Long-run price elasticity of final demand: substitution and thrifting that grow with a sustained price over about two years. At least as large (in absolute value) as the short-run elasticity.",
     "type": "number",
     "minimum": -3,
     "maximum": 0
    },
    "demandLongRunByMineral": {
     "default": {},
     "description": "Overrides per mineral id.",
     "label": "Demand, long run, per mineral",
     "widget": "byMineral",
     "type": "object",
     "propertyNames": {
      "type": "string",
      "enum": [
       "lithium",
       "nickel",
       "cobalt",
       "graphite",
       "rare_earths",
       "copper",
       "manganese",
       "silicon",
       "gallium",
       "germanium",
       "antimony",
       "tungsten",
       "platinum",
       "palladium"
      ]
     },
     "additionalProperties": {
      "type": "number",
      "minimum": -3,
      "maximum": 0
     }
    },
    "substitution": {
     "default": 5,
     "label": "Substitution",
     "widget": "number",
     "description": "Elasticity of substitution between origins (Armington).",
     "type": "number",
     "minimum": 0.1,
     "maximum": 30
    },
    "substitutionByMineral": {
     "default": {},
     "description": "Overrides per mineral id.",
     "label": "Substitution, per mineral",
     "widget": "byMineral",
     "type": "object",
     "propertyNames": {
      "type": "string",
      "enum": [
       "lithium",
       "nickel",
       "cobalt",
       "graphite",
       "rare_earths",
       "copper",
       "manganese",
       "silicon",
       "gallium",
       "germanium",
       "antimony",
       "tungsten",
       "platinum",
       "palladium"
      ]
     },
     "additionalProperties": {
      "type": "number",
      "minimum": 0.1,
      "maximum": 30
     }
    },
    "priceAdjustment": {
     "default": 0.1,
     "label": "Price adjustment",
     "widget": "number",
     "description": "How far prices move per month per unit of log excess demand (the step is capped at 0.25).",
     "type": "number",
     "minimum": 0.005,
     "maximum": 1
    }
   },
   "additionalProperties": false
  },
  "market": {
   "description": "Transport costs, the investment hurdle and default build lags.",
   "title": "Market",
   "summary": "Transport, the margin new capacity must clear, and build times.",
   "default": {},
   "type": "object",
   "properties": {
    "freightUsdPerTonneKm": {
     "default": 0.004,
     "label": "Freight",
     "widget": "number",
     "description": "Transport cost per tonne-km, USD.",
     "type": "number",
     "minimum": 0,
     "maximum": 10
    },
    "handlingUsdPerTonne": {
     "default": 25,
     "label": "Handling",
     "widget": "number",
     "description": "Fixed cost per tonne shipped across a border, USD.",
     "type": "number",
     "minimum": 0,
     "maximum": 100000
    },
    "hurdle": {
     "default": 0.25,
     "label": "Hurdle",
     "widget": "number",
     "description": "Expected margin over unit cost that new capacity must clear, fraction.",
     "type": "number",
     "minimum": 0,
     "maximum": 5
    },
    "mineBuildLagMonths": {
     "default": 48,
     "label": "Mine build lag",
     "widget": "number",
     "description": "Months to build a new mine.",
     "type": "integer",
     "minimum": 1,
     "maximum": 240
    },
    "processorBuildLagMonths": {
     "default": 24,
     "label": "Plant build lag",
     "widget": "number",
     "description": "Months to build a new processing plant.",
     "type": "integer",
     "minimum": 1,
     "maximum": 240
    },
    "expansionLagMonths": {
     "default": 18,
     "label": "Expansion lag",
     "widget": "number",
     "description": "Months to expand an operating site.",
     "type": "integer",
     "minimum": 1,
     "maximum": 240
    },
    "precautionaryCoverMonths": {
     "default": 3,
     "label": "Precautionary cover",
     "widget": "number",
     "description": "Extra months of cover buyers aim to hold between the announcement and the start of a restriction that will hit them.",
     "type": "number",
     "minimum": 0,
     "maximum": 12
    }
   },
   "additionalProperties": false
  }
 },
 "required": [
  "version"
 ],
 "additionalProperties": false
};
