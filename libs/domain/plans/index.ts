export * from './plan.js';
export * from './validate-plan.js';
export * from './plan-catalogue.js';
export { hemsedalTrafikklysPlan } from './hemsedal-trafikklys.plan.js';
export { vindafjordEtnePlan } from './vindafjord-etne.plan.js';
export { eksempelHandlingsplanPlan } from './eksempel-handlingsplan.plan.js';
export { bergenSmorasPlan } from './bergen-smoras.plan.js';
export { baerumPlan } from './baerum.plan.js';
