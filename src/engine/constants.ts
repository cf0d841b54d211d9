/**
 * Behavioural constants of the agents and markets that the scenario does not expose. Each is a
 * modelling choice; docs/model.md explains them. Changing one changes every golden result.
 */

/** Agents per block. Blocks are the unit of parallel work and of random streams. */
export const BLOCK_SIZE = 512;

/**
 * The status quo's transport costs (the scenario's defaults): freight per tonne-km and handling
 * per tonne shipped across a border, USD. The Armington preferences are calibrated at these, so a
 * scenario that changes freight moves trade from the calibrated pattern.
 */
export const STATUS_QUO_FREIGHT_USD_PER_TONNE_KM = 0.004;
export const STATUS_QUO_HANDLING_USD_PER_TONNE = 25;

/**
 * Costs of idle ready capacity (the share 1 − utilisation of an operating group, per the stage's
 * data): its total unit cost, input included, is this range × the reference price, so it stands
 * idle at reference prices and comes back within months when the price rises 12–40%.
 */
export const IDLE_COST_RANGE: readonly [number, number] = [1.12, 1.4];

/**
 * Width of the utilisation ramp around unit cost, as a fraction of unit cost: an agent runs
 * at 0 when the expected price is (1 − w/2)·cost and at full capacity at (1 + w/2)·cost.
 */
export const UTILISATION_RAMP = 0.2;

/** Share of the gap between last month's output and the target output closed in a month. */
export const OUTPUT_ADJUSTMENT = 0.25;

/**
 * Producers' storage: a producer aims to hold its stage's months of cover (of capacity) in
 * finished goods, scaled by (long-run expected price / expected price)^STORAGE_RESPONSE, so it
 * holds more when prices are below what it expects in the long run and sells stock off when they
 * are above (speculative storage damps crashes and spikes). It offers this month's output plus
 * STOCK_ADJUSTMENT of the gap between its stock and that aim (withholding output when below),
 * and never aims above its cover plus STORAGE_LIMIT_MONTHS of capacity (storage is finite).
 */
export const STORAGE_RESPONSE = 2;
/**
 * Share of a site's finished stock above its aim that it works off by running slower, per month
 * (its run rate then moves toward the lower target at OUTPUT_ADJUSTMENT). Production smoothing
 * (Holt, Modigliani, Muth and Simon 1960; Blinder 1986): firms set output against inventories,
 * not only against the price. Without it refiners kept running into growing stocks until the
 * price fell, an output cycle of about a year that swung copper ore prices by ±30% over ten
 * years of the status quo; at 0.15 (about a seven-month horizon) the status quo's prices stay
 * within about 15% of reference. Faster (0.25) damps the cycle as well but makes a country under
 * a temporary export ban cut its mines so deeply that recovery after the ban slows (the DRC's
 * cobalt: world consumer loss 4.5 years of the market's value, against 3.9 at 0.15).
 */
export const INVENTORY_RESPONSE = 0.15;
export const STOCK_ADJUSTMENT = 0.25;
export const STORAGE_LIMIT_MONTHS = 3;

/** Share of the gap to its target stock a buyer tries to close in one month. */
export const RESTOCK_RATE = 0.15;

/** Weight of the newest observation in the short-run expected price (exponential smoothing). */
export const SHORT_EXPECTATION = 0.5;

/**
 * Weight of the newest observation in the long-run expected price (about a three-year memory):
 * the "normal" price firms store against and mothball by. Commodity producers and traders judge
 * normal prices over a cycle, not a year; with a one-year memory the normal price chased the
 * cycle and storage stopped damping it (lithium prices from ×0.79 to ×1.11 of reference over ten
 * years of the status quo; ×0.93–×1.07 with three).
 */
export const LONG_EXPECTATION = 1 / 36;

/**
 * Weight of the newest observation in the investment price that paces expansions (about a year's
 * memory): a project is decided on the margins of the last year or so, and a lasting change (an
 * ore export ban that hands a country cheap ore) must bring refineries within a few years, as
 * Indonesia's did after 2014.
 */
export const INVESTMENT_EXPECTATION = 1 / 12;

/**
 * Mothballing: an operating site is mothballed after MOTHBALL_AFTER_MONTHS consecutive months in
 * which its long-run expected price (a three-year memory) is below (1 − MOTHBALL_MARGIN) × its unit
 * cost: a sustained expected loss, not a bad month. Idle ready capacity costs little to keep.
 * A mothballed site restarts at half the hurdle and a quarter of the build lag; after
 * EXIT_AFTER_MOTHBALLED_MONTHS it has exited for good and counts as a greenfield project.
 */
export const MOTHBALL_AFTER_MONTHS = 12;
export const MOTHBALL_MARGIN = 0.35;
export const EXIT_AFTER_MOTHBALLED_MONTHS = 36;

/**
 * Sensitivity of the expansion rate to the long-run price signal: the share of its capacity a
 * site starts adding each month scales with (signal)^EXPANSION_ELASTICITY.
 */
export const EXPANSION_ELASTICITY = 4;

/**
 * Monthly rate at which a dormant project whose economics clear the hurdle accumulates pressure
 * to start building (1/12: it starts within about a year).
 */
export const GREENFIELD_START_RATE = 1 / 12;

/** Mothballed (previously operating) capacity restarts this much faster than a new build. */
export const RESTART_LAG_FACTOR = 0.25;

/** Dormant greenfield capacity at an operating node, as a fraction of its calibrated capacity. */
export const DORMANT_SHARE = 0.5;

/**
 * Cost curve of operating sites, as multiples of the reference unit cost (lowest, highest):
 * cost = low + (high − low)·z^COST_CURVE_EXPONENT for the site's rank z in 0–1. The convex
 * curve leaves most capacity well inside the money at reference prices and a tail near the
 * margin, so short-run supply is inelastic, as in mining.
 */
export const OPERATING_COST_RANGE: readonly [number, number] = [0.3, 1.1];
export const COST_CURVE_EXPONENT = 2;

/** Cost curve of dormant projects, as multiples of the reference unit cost. */
export const DORMANT_COST_RANGE: readonly [number, number] = [0.95, 1.6];

/** Choke prices of consumers, as multiples of the reference price (lognormal median and spread). */
export const CHOKE_PRICE_MEDIAN = 15;
export const CHOKE_PRICE_SPREAD = 0.6;

/** Spread (log standard deviation) of firm sizes within a node. */
export const SIZE_SPREAD = 0.8;

/** Rounds of rationing in which unfilled demand looks for other origins. */
export const ALLOCATION_ROUNDS = 3;

/**
 * Log excess demand at which the price response doubles: the monthly price step is
 * κ·x·(1 + (x/knee)²) for log excess demand x, so small imbalances move prices gently and
 * large ones (a ban, a shock) fast.
 */
export const PRICE_STEP_KNEE = 1;

/** Largest proportional price move in one month (log units). */
export const MAX_PRICE_STEP = 0.25;

/** Prices never fall below this fraction of the reference price (keeps logs finite). */
export const PRICE_FLOOR_FRACTION = 0.02;

/** Prices never rise above this multiple of the reference price. */
export const PRICE_CEILING_MULTIPLE = 50;

/**
 * Monthly erosion of a control's route factor (log units) when the cap no longer turns buyers
 * away: licensed exporters compete the rent away once approvals keep up with applications.
 */
export const RENT_EROSION = 0.02;

/** Oldest licence application kept in a backlog, months (the longest processing delay is 24). */
export const MAX_APPLICATION_AGE = 25;

/**
 * Buyers' demand adapts to a sustained price (substitution, thrifting): the long-run part of the
 * price response follows an exponential average of the landed price with this weight (a memory of
 * about two years).
 */
export const ADAPTATION_EXPECTATION = 1 / 24;

/**
 * Capital cost of new capacity, in months of revenue at the reference price per t/month of
 * capacity (about 1.5 years of revenue; used to cost investment support).
 */
export const CAPEX_MONTHS_OF_REVENUE = 18;

/** Extra capacity started per month, as a share of capacity, per unit of long-run price signal above 1. */
export const EXPANSION_KICK = 0.015;

/** Largest share of its capacity a site starts adding in one month (3%: 36% a year). */
export const MAX_EXPANSION_RATE = 0.03;

/** In a declared disruption a stockpile releases this multiple of last month's unmet demand in its scope. */
export const DISRUPTION_RELEASE_MARGIN = 1.5;

/**
 * Scale of a processor's expansion signal, as a share of its output's reference price: a change
 * in margin counts against at least this much (against the whole price for a mine). Investors
 * weigh a margin against the capital a plant ties up, which scales with the value of its output
 * (CAPEX_MONTHS_OF_REVENUE), not with a thin toll: measured against copper refining's 15% value
 * added, price noise of a few percent swung the signal by ±30% and, through the convex pace,
 * built 50% more refining than demand needed in ten years (Jensen's inequality). 0.5 leaves
 * stages that add more than half their price (nickel, graphite, rare earths) as they were.
 */
export const SIGNAL_SCALE = 0.5;
