import type { ParamMatcher } from '@sveltejs/kit';

/** The four home tiles whose screens later issues fill in. */
export const SECTIONS = ['questions', 'activities', 'my-coach'] as const;
export type Section = (typeof SECTIONS)[number];

export const match: ParamMatcher = (param) => (SECTIONS as readonly string[]).includes(param);
