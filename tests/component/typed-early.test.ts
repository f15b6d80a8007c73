import { describe, expect, it } from 'vitest';
import { noteTypedFields } from '../../src/lib/typed-early';

describe('noteTypedFields', () => {
	it('puts back what was typed, ticked and chosen before hydration set the fields again, and only that', () => {
		document.body.innerHTML = `<form>
			<input name="q" value="">
			<input name="kept" value="x">
			<input type="checkbox" name="c">
			<select name="s"><option value="a" selected>a</option><option value="b">b</option></select>
			<textarea name="t">old</textarea>
		</form>`;
		const field = <T extends Element>(name: string) => document.querySelector<T & Element>(`[name=${name}]`)!;
		const q = field<HTMLInputElement>('q');
		const kept = field<HTMLInputElement>('kept');
		const c = field<HTMLInputElement>('c');
		const s = field<HTMLSelectElement>('s');
		const t = field<HTMLTextAreaElement>('t');
		// The person, before the scripts ran.
		q.value = 'Fatma';
		c.checked = true;
		s.value = 'b';
		t.value = 'new';
		const restore = noteTypedFields();
		// Hydration, setting each field from the page's data; the textarea it left alone.
		q.value = '';
		c.checked = false;
		s.value = 'a';
		const events: string[] = [];
		for (const f of [q, kept, c, s, t])
			for (const type of ['input', 'change'])
				f.addEventListener(type, () => events.push(`${f.name}:${type}`));
		restore();
		expect([q.value, kept.value, c.checked, s.value, t.value]).toEqual(['Fatma', 'x', true, 'b', 'new']);
		expect(events).toEqual(['q:input', 'c:change', 's:change']);
	});
});
