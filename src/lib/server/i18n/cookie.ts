export const LANGUAGE_COOKIE = 'opstap_lang';
