// Closing lines the lexicons' `text.signOffs` list: the name under one is the signer, the closing itself is
// no news. Cases from merchant mail the lexicons missed: `Atte.` (Spanish `atentamente`), `xoxo`, and a
// `Have a nice day!` above the agent's name.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/rules/analyze.js';
import { isSignOffLine } from '../../../src/rules/message-text.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { FORWARDER, message } from './message.js';

describe('sign-off lines', () => {
  it.each(['Atte.', 'Atte', 'xoxo', 'XOXO,', 'Have a nice day!', 'Have a great weekend,'])(
    '%j is a sign-off',
    (line) => {
      expect(isSignOffLine(line)).toBe(true);
    },
  );

  it.each(['Attention please', 'Have a nice day at the beach with the kettle we sent', 'Atte. Ventas:'])(
    '%j is not',
    (line) => {
      expect(isSignOffLine(line)).toBe(false);
    },
  );

  it.each([
    ['Hola Alicia,\n\nRecibimos su consulta sobre el pedido 55120.\n\nAtte.\nMarisol Ibáñez', 'Marisol Ibáñez'],
    ['Hi Alice,\n\nWe received your question about order 55120.\n\nxoxo\nJune Park', 'June Park'],
    ['Hi Alice,\n\nWe received your question about order 55120.\n\nHave a nice day!\nTobias Reed', 'Tobias Reed'],
  ])('the name under the closing is the signer, the closing no summary: %j', (text, signer) => {
    const findings = analyze(message({ text }), builtInRuleset, { customerAddresses: [FORWARDER] });
    expect(findings.contactPerson).toBe(signer);
    expect(findings.summary).not.toMatch(/Atte|xoxo|nice day/i);
  });
});
