import { describe, expect, it } from 'vitest';
import {
	checkDraft,
	cleanHours,
	isWorking,
	MAX_VOICE_MS,
	telHref,
	weekSchedule
} from '../../src/lib/messages';
import { formatDuration } from '../../src/lib/messages/capture';
import { checkedMedia, stripImageMetadata } from '../../src/lib/server/files/content';
import { wavTone } from '../helpers/audio';

const hours = { 1: ['09:00', '17:00'], 5: ['09:00', '13:00'] } as Record<string, [string, string]>;

describe('working hours, in Amsterdam time', () => {
	it('is working inside the hours only, end excluded', () => {
		expect(isWorking(hours, new Date('2026-11-23T07:59:00Z'))).toBe(false); // Mon 08:59
		expect(isWorking(hours, new Date('2026-11-23T08:00:00Z'))).toBe(true); // Mon 09:00
		expect(isWorking(hours, new Date('2026-11-23T16:00:00Z'))).toBe(false); // Mon 17:00
		expect(isWorking(hours, new Date('2026-11-24T10:00:00Z'))).toBe(false); // Tuesday: not working
		expect(isWorking(hours, new Date('2026-11-27T11:00:00Z'))).toBe(true); // Fri 12:00
	});
	it('drops malformed days instead of failing', () => {
		expect(
			cleanHours({
				1: ['09:00', '17:00'],
				2: ['17:00', '09:00'],
				8: ['09:00', '10:00'],
				3: ['9', '10:00'],
				4: 'x'
			})
		).toEqual({ 1: ['09:00', '17:00'] });
		expect(cleanHours(null)).toEqual({});
		expect(weekSchedule(hours).map((d) => d.span?.[0] ?? null)).toEqual([
			'09:00',
			null,
			null,
			null,
			'09:00',
			null,
			null
		]);
	});
});

describe('a message draft', () => {
	it('refuses empty, over-long, unknown and over-time messages with a reason', () => {
		expect(checkDraft({ kind: 'text', text: '  ' })).toEqual({ ok: false, problem: 'empty' });
		expect(checkDraft({ kind: 'text', text: 'x'.repeat(2001) })).toEqual({ ok: false, problem: 'tooLong' });
		expect(checkDraft({ kind: 'quick', quick: 'party' })).toEqual({ ok: false, problem: 'unknownQuick' });
		expect(checkDraft({ kind: 'photo' })).toEqual({ ok: false, problem: 'noAttachment' });
		expect(checkDraft({ kind: 'voice', attachmentId: 'a', durationMs: MAX_VOICE_MS + 5000 })).toEqual({
			ok: false,
			problem: 'voiceTooLong'
		});
		expect(checkDraft({ kind: 'quick', quick: 'ill' })).toEqual({ ok: true });
		expect(checkDraft({ kind: 'voice', attachmentId: 'a', durationMs: MAX_VOICE_MS })).toEqual({ ok: true });
	});
	it('formats durations and phone links', () => {
		expect(formatDuration(65_400)).toBe('1:05');
		expect(telHref('+31 24 123 4501')).toBe('tel:+31241234501');
		expect(telHref('(024) 123-45')).toBe('tel:02412345');
		expect(telHref('')).toBeNull();
	});
});

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	return Buffer.concat([length, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]); // CRC not checked here
}

describe('files by content', () => {
	it('takes sound and photos, nothing else, and strips a PNG’s text and EXIF chunks', async () => {
		expect((await checkedMedia(wavTone(0.2)))?.mime).toBe('audio/wav');
		expect(await checkedMedia(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBeNull();
		const ihdr = Buffer.alloc(13);
		ihdr.writeUInt32BE(1, 0);
		ihdr.writeUInt32BE(1, 4);
		ihdr[8] = 8;
		ihdr[9] = 2;
		const png = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			pngChunk('IHDR', ihdr),
			pngChunk('tEXt', Buffer.from('GPS\0Amsterdam')),
			pngChunk('eXIf', Buffer.from('MM\0*GPS')),
			pngChunk('IDAT', Buffer.from([1, 2, 3])),
			pngChunk('IEND', Buffer.alloc(0))
		]);
		const stripped = stripImageMetadata(png, 'image/png')!;
		expect(Buffer.from(stripped).includes(Buffer.from('GPS'))).toBe(false);
		expect(Buffer.from(stripped).includes(Buffer.from('IDAT'))).toBe(true);
		// A truncated file is refused, not half stored.
		expect(stripImageMetadata(png.subarray(0, 40), 'image/png')).toBeNull();
	});
	it('strips a WebP’s EXIF chunk and clears its flag', () => {
		const chunk = (type: string, data: Buffer) => {
			const size = Buffer.alloc(4);
			size.writeUInt32LE(data.length);
			return Buffer.concat([Buffer.from(type, 'ascii'), size, data, Buffer.alloc(data.length % 2)]);
		};
		const vp8x = Buffer.alloc(10);
		vp8x[0] = 0x08;
		const body = Buffer.concat([
			chunk('VP8X', vp8x),
			chunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])),
			chunk('EXIF', Buffer.from('GPS 52.37'))
		]);
		const header = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBP')]);
		header.writeUInt32LE(body.length + 4, 4);
		const out = Buffer.from(stripImageMetadata(Buffer.concat([header, body]), 'image/webp')!);
		expect(out.includes(Buffer.from('GPS'))).toBe(false);
		expect(out[20]! & 0x08).toBe(0);
		expect(out.readUInt32LE(4)).toBe(out.length - 8);
	});
});
