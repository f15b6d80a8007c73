import type { ParamMatcher } from '@sveltejs/kit';

/** The home tiles whose screens later issues fill in ("my-coach" has its own route now). */
export const SECTIONS = ['questions', 'appointments', 'activities'] as const;
export type Section = (typeof SECTIONS)[number];

export const match: ParamMatcher = (param) => (SECTIONS as readonly string[]).includes(param);
