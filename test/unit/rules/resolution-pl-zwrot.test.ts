// Polish `zwrot` is the refund and the return of goods alike. A refund confirmation that says only `zwrot`
// (`Zwrot został zaksięgowany`, `zwrot na kartę`) is read; a return of goods (`zwrot towaru`, `zwrot
// artykułu`), or the return a request names (`Zgłoszenie zwrotu zostało zatwierdzone`), never closes a case.
import { describe, expect, it } from 'vitest';
import { extractResolution } from '../../../src/rules/resolution.js';
import { context } from './message.js';

const resolutionOf = (text: string) => extractResolution(context({ text }));

describe('resolution: a Polish refund confirmation that says only `zwrot`', () => {
  it.each([
    ['Zwrot został zaksięgowany.', null],
    ['Zwrot na kartę został zrealizowany.', null],
    ['Zwrot w kwocie 149,00 zł został zaksięgowany na Twoim koncie.', 149],
    ['Zwrot 89,99 zł został wykonany.', 89.99],
    ['Zwrot został przelany na Twoje konto bankowe.', null],
    ['Zaksięgowaliśmy zwrot w kwocie 89,99 zł.', 89.99],
    ['Zrealizowaliśmy zwrot na kartę w kwocie 89,99 zł.', 89.99],
    ['Wykonaliśmy zwrot na kartę w kwocie 89,99 zł.', 89.99],
    ['Zrobiliśmy zwrot 89,99 zł na Twoje konto.', 89.99],
    ['Zwrot 89,99 zł trafił na Twoje konto.', 89.99],
    ['Twój zwrot 89,99 zł jest już na koncie.', 89.99],
  ])('%j → full_refund %s', (sentence, amount) => {
    expect(resolutionOf(sentence)).toMatchObject({
      outcome: 'full_refund',
      amount,
      currency: amount === null ? null : 'PLN',
    });
  });

  it.each([
    // A return of goods, whatever happened to it.
    ['Zwrot towaru został zaksięgowany w naszym systemie.'],
    ['Zwrot towaru został zrealizowany.'],
    ['Zwrot przesyłki został zrealizowany przez kuriera.'],
    ['Zwrot artykułu został zatwierdzony. Odeślij go w ciągu 14 dni.'],
    ['Zwrot sprzętu został zatwierdzony. Wyślij urządzenie kurierem.'],
    ['Zrealizowaliśmy zwrot towaru do producenta.'],
    // The return a request names: the goods are still to come back.
    ['Zgłoszenie zwrotu zostało zatwierdzone. Prosimy odesłać towar.'],
    ['Wniosek o zwrot został zaakceptowany, prosimy o odesłanie paczki.'],
    // Not yet, or not at all.
    ['Zwrot zostanie zaksięgowany w ciągu 3 dni roboczych.'],
    ['Zwrot nie trafił jeszcze na Twoje konto.'],
    ['Zwrot nie trafił na Twoje konto.'],
    ['Zwrot wpłynie na Twoje konto w ciągu 3 dni.'],
  ])('%j → null', (sentence) => {
    expect(resolutionOf(sentence)).toBeNull();
  });

  it('a request for the money approved stays an approved refund', () => {
    expect(resolutionOf('Wniosek o zwrot pieniędzy został zatwierdzony.')).toMatchObject({ outcome: 'full_refund' });
  });
});
