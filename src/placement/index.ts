/**
 * Placement: hacc's model of Pacemaker's scheduler, for what a `.ha` site
 * places on cluster nodes. It predicts where each guest's VM and each plain
 * primitive runs with all hosts up and after host failures, for the N-1 rule
 * (check/failover.ts), `hacc graph` and, later, `hacc simulate --engine hacc`.
 * The tests hold its predictions to `crm_simulate`'s.
 *
 * - `site-index.ts`: the index of the site (nodes and resources numbered,
 *   allowed nodes and scores, colocations, capacities, independent parts);
 * - `placer.ts`: the allocation (order, scores, colocations, stickiness,
 *   utilization, tie-breaks);
 * - `predict.ts`: all hosts up, then each failure, and what moved;
 * - `scores.ts`: Pacemaker's score arithmetic.
 */
export { failoverReport, failureSets, predict, PlacementView } from "./predict.js";
export { reach } from "./reach.js";
export type { PartReach, Reach, ReachState } from "./reach.js";
export type { FailoverReport, FailureScenario, Move, Placement, Prediction, Scenario } from "./predict.js";
export { allowedNodes, NOWHERE, planOf } from "./site-index.js";
export type { AllowedNodes, Capacity, Coloc, FailoverPlan, Placeable } from "./site-index.js";
