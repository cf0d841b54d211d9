/**
 * The levers' parts of the engine (their compile steps), in the registry's order: what
 * compilePolicy (src/engine/policy.ts) runs. Only the `…Policy` exports are imported, which use
 * no zod, and the lever definitions beside them drop out of the workers' bundles, zod with them
 * (test/unit/levers/engineBundle.test.ts); registry.test.ts checks that this
 * list and the registry (index.ts) name the same levers in the same order.
 */
import { capacityOverridesPolicy } from './capacityOverrides.ts';
import { demandGrowthPolicy } from './demandGrowth.ts';
import { disruptionsPolicy } from './disruptions.ts';
import { exportControlsPolicy } from './exportControls.ts';
import { investmentSupportPolicy } from './investmentSupport.ts';
import { type LeverCompiler, leverCompiler } from './lever.ts';
import { offtakesPolicy } from './offtakes.ts';
import { permittingPolicy } from './permitting.ts';
import { priceFloorsPolicy } from './priceFloors.ts';
import { priceGapSubsidiesPolicy } from './priceGapSubsidies.ts';
import { projectsPolicy } from './projects.ts';
import { recyclingPolicy } from './recycling.ts';
import { shocksPolicy } from './shocks.ts';
import { standardsPolicy } from './standards.ts';
import { startingStocksPolicy } from './startingStocks.ts';
import { stockpilesPolicy } from './stockpiles.ts';
import { tariffsPolicy } from './tariffs.ts';
import { zonesPolicy } from './zones.ts';

export const LEVER_COMPILERS = [
  /* @__PURE__ */ leverCompiler(zonesPolicy),
  /* @__PURE__ */ leverCompiler(tariffsPolicy),
  /* @__PURE__ */ leverCompiler(priceFloorsPolicy),
  /* @__PURE__ */ leverCompiler(priceGapSubsidiesPolicy),
  /* @__PURE__ */ leverCompiler(exportControlsPolicy),
  /* @__PURE__ */ leverCompiler(offtakesPolicy),
  /* @__PURE__ */ leverCompiler(stockpilesPolicy),
  /* @__PURE__ */ leverCompiler(disruptionsPolicy),
  /* @__PURE__ */ leverCompiler(shocksPolicy),
  /* @__PURE__ */ leverCompiler(demandGrowthPolicy),
  /* @__PURE__ */ leverCompiler(permittingPolicy),
  /* @__PURE__ */ leverCompiler(investmentSupportPolicy),
  /* @__PURE__ */ leverCompiler(projectsPolicy),
  /* @__PURE__ */ leverCompiler(recyclingPolicy),
  /* @__PURE__ */ leverCompiler(standardsPolicy),
  /* @__PURE__ */ leverCompiler(startingStocksPolicy),
  /* @__PURE__ */ leverCompiler(capacityOverridesPolicy),
] as const satisfies readonly LeverCompiler[];
