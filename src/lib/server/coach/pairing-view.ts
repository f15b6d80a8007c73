import { formatPairingCode } from '../security/tokens';
import { pairingLink, pairingQrSvg } from '../pairing/qr';
import type { IssuedCode } from '../pairing';

/** What a coach sees after making a code: the code in groups, the link and its QR code. */
export async function pairingView(origin: string, issued: IssuedCode) {
	const link = pairingLink(origin, issued.code);
	return {
		code: formatPairingCode(issued.code),
		link,
		qrSvg: await pairingQrSvg(link),
		expiresAt: issued.expiresAt.toISOString()
	};
}
