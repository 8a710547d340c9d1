import type { InboundMessage } from '../ingest/inbound-message.js';
import { analyze } from './analyze.js';
import type { Ruleset } from './ruleset.js';

/**
 * V8 compiles a regular expression the first time it runs, and the rules' Unicode-aware,
 * case-insensitive patterns take a few hundred milliseconds to compile all together. A worker runs
 * these samples once at start-up, so that cost is not paid by the first real message.
 * The samples touch every rule in the eight languages; their findings are discarded.
 */
const SAMPLES: string[] = [
  'Dear Alice,\n\nFull refund approved. Transaction ID: TXN781345. Amount refunded: $129.99 USD.\nA partial refund of £12.50 has been issued. A store credit of 25,00 EUR has been added. A replacement has been shipped.\nWe are unable to approve your refund. Your refund has not been processed yet.\nWe will contact the seller and update you within 3 business days. Please send us a photo.\n\nBest regards,\nLisa Chen\nCustomer Support\n\nOn Fri, Oct 27, 2023 at 8:12 AM Alice <alice@example.net> wrote:\n> Order GT20231012-88431, case #00123456',
  'Sehr geehrte Frau Krause,\n\nIhre Erstattung über 49,99 € wurde veranlasst. Wir werden uns innerhalb von 5 Werktagen melden. Bitte senden Sie uns die Rechnung.\n\nMit freundlichen Grüßen\nSabine Krause\nVorgangsnummer: EB-448120, Bestellnummer 12345678',
  'Bonjour,\n\nVotre remboursement de 189,00 EUR a été effectué. Nous reviendrons vers vous sous 3 jours ouvrés. Merci de nous envoyer une photo.\n\nCordialement,\nJean Dupont\nNuméro de dossier : 2023-77812, commande n° 55512',
  'Estimado Diego:\n\nSu reembolso de 84,90 € ha sido procesado. Le responderemos en un plazo de 2 días hábiles. Por favor, envíenos el ticket.\n\nUn saludo,\nElena Castro\nNúmero de caso: TF-88120, pedido TS-2023-104455',
  'Gentile Giulia,\n\nil rimborso di 59,90 € è stato effettuato. Le risponderemo entro 3 giorni lavorativi. La preghiamo di inviarci la ricevuta.\n\nCordiali saluti,\nMarco Rossi\nNumero pratica: 2023-55120, ordine n. 402-1188\n\nIl giorno gio 12 ott 2023 alle ore 14:05 Giulia <giulia@example.it> ha scritto:\n> Vorrei un rimborso',
  'Beste Daan,\n\nWe hebben het bedrag van € 24,95 terugbetaald. Binnen 5 werkdagen staat het op uw rekening. Stuur ons a.u.b. een foto.\n\nMet vriendelijke groet,\nSanne de Vries\nTicketnummer: 884120, bestelnummer 1044-2231\n\nOp do 12 okt. 2023 om 14:05 schreef Daan <daan@example.nl>:',
  'Dzień dobry,\n\nzwrot w kwocie 129,00 zł został zrealizowany. Odpowiemy w ciągu 14 dni. Prosimy o przesłanie zdjęcia.\n\nPozdrawiamy,\nAnna Nowak\nNumer zgłoszenia: 55120, numer zamówienia 2024/55120\n\nW dniu 12.10.2023 o 14:05 Ola <ola@example.pl> pisze:',
  'Olá Joana,\n\nO reembolso de R$ 89,90 foi processado. Responderemos em até 7 dias úteis. Por favor, envie-nos a nota fiscal. Você recebeu um vale-compras.\n\nAtenciosamente,\nRafael Souza\nNúmero do protocolo: 2023-77812, pedido nº 55512\n\nEm qui., 12 de out. de 2023 às 14:05, Joana <joana@example.pt> escreveu:',
  '[10:02] Kevin (NovaTel): Hello, I have issued a refund of $40.00.\n[10:03] Alice: Thanks\nChat transcript. Summary of your phone call. Submitted through our contact form.',
];

export function warmUpRules(ruleset: Ruleset): void {
  for (const i of SAMPLES.keys()) warmUpSample(ruleset, i);
}

/**
 * The same warm-up, one sample per turn of the event loop (about 0.1 s each), so whatever else the
 * thread has to do (an analysis thread's first parse, a main thread's IMAP) waits for one sample at most.
 */
export async function warmUpRulesInSlices(ruleset: Ruleset): Promise<void> {
  for (const i of SAMPLES.keys()) {
    warmUpSample(ruleset, i);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function warmUpSample(ruleset: Ruleset, i: number): void {
  const text = SAMPLES[i] ?? '';
  const message: InboundMessage = {
    envelopeMessageId: null,
    envelopeFrom: { address: 'alice@example.net', name: 'Alice' },
    envelopeDate: '2023-11-02T09:47:00.000Z',
    envelopeSubject: 'Fwd: Case #00123456',
    forward: 'inline',
    original: {
      from: { address: 'support@shop.example', name: 'Lisa Chen' },
      to: [{ address: 'alice@example.net', name: 'Alice Martin' }],
      date: '2023-11-02T09:47:00.000Z',
      subject: `[Request #4821${i}] Your refund for case GTB-2023-587${i}`,
      messageId: null,
      text,
    },
    messageKey: `warm-up:${i}`,
  };
  analyze(message, ruleset, { customerAddresses: ['alice@example.net'] });
}
