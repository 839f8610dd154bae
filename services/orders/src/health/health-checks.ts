/**
 * The dependencies /actuator/health aggregates: DEPENDENCY_CHECKS minus those switched off with
 * Spring's MANAGEMENT_HEALTH_<NAME>_ENABLED=false.
 */
export const HEALTH_CHECKS = Symbol('HEALTH_CHECKS');
