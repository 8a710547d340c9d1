// A forward from the allowed user that names case GTB-2023-5876 and says the refund is approved,
// made too big by a zip attachment: it must be set aside as too_large and change no case.

/** The forward with `attachmentBytes` of attachment before base64 (which adds a third). */
export function oversizedForward(attachmentBytes: number, messageId: string): string {
  const attachment = Buffer.alloc(attachmentBytes, 'refund tracker ').toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: Alice Martin <Alice@example.net>',
    'To: cases@tracker.example.net',
    'Subject: Fwd: Receipt scans for Case Number: GTB-2023-5876',
    'Date: Mon, 30 Oct 2023 10:00:00 +0100',
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Full refund approved. Transaction ID: TXN777777',
    '--b1',
    'Content-Type: application/octet-stream; name="scans.zip"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="scans.zip"',
    '',
    attachment,
    '--b1--',
    '',
  ].join('\r\n');
}
