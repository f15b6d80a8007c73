import QRCode from 'qrcode';

export function pairingLink(origin: string, code: string): string {
	return `${origin}/pair?code=${code}`;
}

/** An SVG QR code of the pairing link, drawn on the server: no script or third party needed to show it. */
export async function pairingQrSvg(link: string): Promise<string> {
	return QRCode.toString(link, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2,
		color: { dark: '#000000', light: '#ffffff' }
	});
}
