import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.js';
import type { DigestMailer } from './digest.js';

/**
 * The SMTP transport for SMTP_URL: with SMTP_AUTH=oauth2, XOAUTH2 as SMTP_USER with the OAUTH2_* client;
 * nodemailer buys access tokens with the refresh token and buys a new one when the server refuses one.
 */
export function createMailTransport(smtp: SmtpConfig): DigestMailer & { close(): void } {
  if (!smtp.oauth2) return nodemailer.createTransport(smtp.smtpUrl);
  const { user, client } = smtp.oauth2;
  return nodemailer.createTransport({
    url: smtp.smtpUrl,
    auth: {
      type: 'OAuth2',
      user,
      clientId: client.clientId,
      ...(client.clientSecret ? { clientSecret: client.clientSecret } : {}),
      refreshToken: client.refreshToken,
      accessUrl: client.tokenUrl,
    },
  });
}
