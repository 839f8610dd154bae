/** The injection token of the validated UiConfig. */
export const UI_CONFIG = Symbol('UI_CONFIG');
