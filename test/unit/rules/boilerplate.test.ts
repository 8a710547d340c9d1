// Merchant boilerplate is set aside before any rule runs (issue 6): a notification-only footer, a security
// warning or a survey line can decide no resolution and no next step, in any language, in mail of either
// direction. Every sentence below is written in the shape real merchant footers take, not copied from one.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/rules/analyze.js';
import {
  BOILERPLATE_CLASSES,
  type BoilerplateClass,
  boilerplateClassOf,
  type SenderTemplate,
  sentenceFingerprint,
  setAsideBoilerplate,
  templateFingerprintsOf,
} from '../../../src/rules/boilerplate.js';
import { contextOf } from '../../../src/rules/context.js';
import { type LanguageCode, LEXICONS } from '../../../src/rules/lexicon/index.js';
import { builtInRuleset } from '../../../src/rules/ruleset.js';
import { FORWARDER, message, SUPPORT } from './message.js';

/** One or more sentences per class and language, as merchants print them in footers and chrome. */
const SAMPLES: Record<LanguageCode, Record<BoilerplateClass, string[]>> = {
  en: {
    no_reply: [
      'This email was sent from a notification-only address that cannot accept incoming email.',
      'We cannot accept incoming email at this address.',
      "We can't process replies to this address.",
      'Please do not reply to this message; this mailbox is not monitored.',
    ],
    security: [
      'We will never ask for your password.',
      'Shoply will never ask you for your password, PIN or card number by email.',
      'Learn how to recognise phishing emails.',
    ],
    legal: [
      'Shoply Ltd is registered in England and Wales, company number 08812345.',
      'Please notify us and delete it if you have received this email in error.',
      'This message is intended solely for the named recipient.',
      '© 2024 Shoply Inc. All rights reserved.',
    ],
    privacy: ['Read our Privacy Notice to learn how we use your personal data.'],
    unsubscribe: [
      'You are receiving this email because you have an account with us.',
      'Unsubscribe | Manage preferences',
    ],
    survey: ['How did we do? Rate your experience in one click.', 'Please take our 2-minute survey.'],
    marketing: ['You might also like: Linen cushion covers', 'Use promo code SPRING20 for 20% off.'],
    tracking: ['Track package', 'Track your parcel with the link below.'],
    preheader: ['View this email in your browser.', 'Having trouble viewing this email? View it online.'],
  },
  de: {
    no_reply: [
      'Diese E-Mail wurde automatisch erstellt.',
      'Bitte antworten Sie nicht auf diese E-Mail, Antworten an diese Adresse werden nicht gelesen.',
    ],
    security: ['Wir werden Sie niemals per E-Mail nach Ihrem Passwort fragen.'],
    legal: [
      'Sitz der Gesellschaft: Berlin, Amtsgericht Charlottenburg HRB 112233 B.',
      // The register number alone: `HRB` and its digits.
      'Kaffeerösterei Nord, HRB 98765.',
      'Alle Rechte vorbehalten.',
      'Bitte informieren Sie uns, falls Sie diese E-Mail irrtümlich erhalten haben.',
    ],
    privacy: [
      'Informationen zur Verarbeitung Ihrer personenbezogenen Daten finden Sie in unserer Datenschutzerklärung.',
    ],
    unsubscribe: ['Newsletter abbestellen', 'Sie erhalten diese E-Mail, weil Sie ein Kundenkonto bei uns haben.'],
    survey: ['Wie zufrieden sind Sie mit unserem Service? Nehmen Sie an unserer Umfrage teil.'],
    marketing: [
      'Das könnte Ihnen auch gefallen',
      'Mit dem Rabattcode HERBST15 sparen Sie 15 % auf Ihre nächste Bestellung.',
    ],
    tracking: ['Sendung verfolgen', 'Verfolgen Sie Ihre Sendung in Ihrem Kundenkonto.'],
    preheader: ['Im Browser ansehen'],
  },
  fr: {
    no_reply: [
      'Ceci est un e-mail automatique, merci de ne pas y répondre.',
      'Cette adresse e-mail ne peut pas recevoir de réponses.',
    ],
    security: ['Nous ne vous demanderons jamais votre mot de passe par e-mail.'],
    legal: [
      'Boutique Azur SAS au capital de 50 000 €, RCS Lyon 812 447 309.',
      'Merci de nous prévenir si vous avez reçu ce message par erreur.',
    ],
    privacy: ['Pour en savoir plus, consultez notre politique de confidentialité.'],
    unsubscribe: ['Pour vous désinscrire de nos offres, cliquez ici.'],
    survey: ['Donnez-nous votre avis en répondant à notre enquête de satisfaction.'],
    marketing: ['Profitez de 10 % de réduction avec le code promo AUTOMNE10.'],
    tracking: ['Suivre mon colis'],
    preheader: ['Voir cet e-mail dans votre navigateur'],
  },
  es: {
    no_reply: [
      'Por favor, no respondas a este mensaje.',
      'Este mensaje se ha enviado desde una dirección que solo envía notificaciones y no admite mensajes entrantes.',
    ],
    security: ['Nunca te pediremos tu contraseña por correo electrónico.'],
    legal: [
      'Inscrita en el Registro Mercantil de Madrid, CIF B-86219054.',
      'Le rogamos que lo elimine si ha recibido este mensaje por error.',
    ],
    privacy: ['Consulta nuestra política de privacidad para saber cómo tratamos tus datos personales.'],
    unsubscribe: ['Si no deseas recibir más correos, puedes darte de baja aquí.'],
    survey: ['Valora tu experiencia con nuestra atención al cliente en esta breve encuesta.'],
    marketing: ['Usa el código promocional OTONO10 y consigue un 10 % de descuento.'],
    tracking: ['Sigue tu pedido desde la app.'],
    preheader: ['Ver en el navegador'],
  },
  it: {
    no_reply: ['Questa è una email generata automaticamente, ti preghiamo di non rispondere.'],
    security: ['Non ti chiederemo mai la password via email.'],
    legal: [
      'Sede legale: Via Roma 1, Milano – Partita IVA 10228840961.',
      'Vi preghiamo di cancellarlo se avete ricevuto questo messaggio per errore.',
    ],
    privacy: ["Leggi l'informativa sulla privacy per sapere come trattiamo i tuoi dati personali."],
    unsubscribe: ["Se non desideri più ricevere queste comunicazioni, annulla l'iscrizione."],
    survey: ['Compila il nostro breve sondaggio sulla soddisfazione del cliente.'],
    marketing: ['Usa il codice sconto AUTUNNO10 per avere il 10% di sconto.'],
    tracking: ['Traccia il tuo pacco'],
    preheader: ['Visualizza questa email nel browser'],
  },
  fi: {
    no_reply: ['Tämä on automaattinen viesti, älä vastaa tähän viestiin.'],
    security: ['Emme koskaan pyydä salasanaasi sähköpostitse.'],
    legal: ['Kauppa Oy, Y-tunnus: 1234567-8. Kaikki oikeudet pidätetään.'],
    privacy: ['Lue lisää henkilötietojen käsittelystä tietosuojaselosteestamme.'],
    unsubscribe: ['Voit lopettaa tilauksen milloin tahansa.'],
    survey: ['Kerro mielipiteesi lyhyessä asiakastyytyväisyyskyselyssä.'],
    marketing: ['Saatat pitää myös näistä tuotteista.'],
    tracking: ['Seuraa lähetystä'],
    preheader: ['Näytä selaimessa'],
  },
  sk: {
    no_reply: ['Tento e-mail bol vygenerovaný automaticky, prosím neodpovedajte naň.'],
    security: ['Nikdy vás nežiadame o zadanie hesla e-mailom.'],
    legal: ['Obchod s.r.o., IČO: 12345678, zapísaná v obchodnom registri Okresného súdu Bratislava I.'],
    privacy: ['Viac o ochrane osobných údajov nájdete na našej stránke.'],
    unsubscribe: ['Ak už nechcete dostávať tieto správy, môžete sa odhlásiť z odberu.'],
    survey: ['Ohodnoťte prosím našu komunikáciu.'],
    marketing: ['Mohlo by sa vám páčiť aj toto.'],
    tracking: ['Sledovať zásielku'],
    preheader: ['Zobraziť v prehliadači'],
  },
  hu: {
    no_reply: ['Ez egy automatikusan generált üzenet, kérjük, ne válaszoljon erre az e-mailre.'],
    security: ['Jelszavát soha nem kérjük e-mailben.'],
    legal: [
      'Webáruház Kft., székhely: 1051 Budapest, Fő utca 1., adószám: 12345678-2-41.',
      'Kérjük, törölje ezt az üzenetet, ha véletlenül kapta meg.',
    ],
    privacy: ['Adatvédelmi tájékoztatónkban olvashat arról, hogyan kezeljük személyes adatait.'],
    unsubscribe: ['Ha nem szeretne több ilyen levelet kapni, itt leiratkozhat.'],
    survey: ['Töltse ki rövid elégedettségi felmérésünket.'],
    marketing: ['Használja az OSZ10 kuponkódot 10% kedvezményért.'],
    tracking: ['Kövesse nyomon a csomagját'],
    preheader: ['Megtekintés böngészőben'],
  },
  ro: {
    no_reply: ['Acesta este un mesaj generat automat, te rugăm să nu răspunzi la acest e-mail.'],
    security: ['Nu îți vom cere niciodată parola prin e-mail.'],
    legal: [
      'Magazinul Online SRL, Nr. Reg. Com. J40/1234/2015, capital social 200 lei.',
      'Vă rugăm să ștergeți acest mesaj dacă l-ați primit din greșeală.',
    ],
    privacy: ['Citește politica de confidențialitate pentru a afla cum prelucrăm datele tale personale.'],
    unsubscribe: ['Dacă nu mai dorești să primești aceste mesaje, te poți dezabona aici.'],
    survey: ['Completează un scurt chestionar despre experiența ta.'],
    marketing: ['Folosește codul de reducere TOAMNA10 pentru 10% reducere.'],
    tracking: ['Urmărește coletul'],
    preheader: ['Vizualizează acest e-mail în browser'],
  },
  nl: {
    no_reply: ['Dit is een automatisch verzonden bericht.', 'Op deze e-mail kun je niet reageren.'],
    security: ['Wij zullen je nooit vragen om je wachtwoord of pincode.'],
    legal: [
      'Winkelplein B.V. is ingeschreven bij de Kamer van Koophandel onder KvK 30188402.',
      'Verwijder het bericht als u dit bericht ten onrechte hebt ontvangen.',
    ],
    privacy: ['Lees in onze privacyverklaring hoe wij met je persoonsgegevens omgaan.'],
    unsubscribe: ['Wil je deze e-mails niet meer ontvangen? Afmelden kan hier.'],
    survey: ['Hoe tevreden ben je over onze service? Vul de korte enquête in.'],
    marketing: ['Gebruik kortingscode HERFST10 voor 10% korting.'],
    tracking: ['Volg je pakket'],
    preheader: ['Bekijk deze e-mail in je browser'],
  },
  pl: {
    no_reply: ['Wiadomość została wygenerowana automatycznie – prosimy na nią nie odpowiadać.'],
    security: ['Nigdy nie poprosimy Cię o hasło w wiadomości e-mail.'],
    legal: [
      'Sąd Rejonowy Poznań, KRS 0000635012, NIP 5252674798, kapitał zakładowy 50 000 zł.',
      'Prosimy o usunięcie, jeśli otrzymałeś tę wiadomość omyłkowo.',
    ],
    privacy: ['Szczegóły dotyczące przetwarzania danych osobowych znajdziesz w polityce prywatności.'],
    unsubscribe: ['Jeśli nie chcesz już otrzymywać tych wiadomości, wypisz się tutaj.'],
    survey: ['Oceń naszą obsługę w krótkiej ankiecie.'],
    marketing: ['Z kodem rabatowym JESIEN10 otrzymasz 10% rabatu.'],
    tracking: ['Śledź przesyłkę'],
    preheader: ['Zobacz tę wiadomość w przeglądarce'],
  },
  pt: {
    no_reply: ['Este e-mail foi enviado automaticamente, por favor não responda.'],
    security: ['Nunca lhe pediremos a sua palavra-passe por e-mail.'],
    legal: [
      'Loja do Mar, Lda. – NIPC 509 123 456 – Capital social 50 000 €.',
      'Por favor elimine-a se recebeu esta mensagem por engano.',
    ],
    privacy: ['Consulte a nossa política de privacidade para saber como tratamos os seus dados pessoais.'],
    unsubscribe: ['Se não deseja receber mais estes e-mails, pode cancelar a subscrição aqui.'],
    survey: ['Avalie o nosso atendimento num inquérito rápido.'],
    marketing: ['Use o código promocional OUTONO10 e ganhe 10% de desconto.'],
    tracking: ['Acompanhe a sua encomenda na app.'],
    preheader: ['Ver este e-mail no navegador'],
  },
  ru: {
    no_reply: [
      'Это письмо сформировано автоматически, пожалуйста, не отвечайте на него.',
      'Цей лист надіслано автоматично, не відповідайте на нього.',
    ],
    security: ['Мы никогда не запрашиваем пароль или код из SMS.'],
    legal: ['© 2026 Полка Маркет. Все права защищены.'],
    privacy: ['Мы обрабатываем персональные данные в соответствии с политикой конфиденциальности.'],
    unsubscribe: ['Чтобы отписаться от рассылки, нажмите здесь.'],
    survey: ['Оцените работу службы поддержки, это займёт минуту.'],
    marketing: ['Вам может понравиться: электрочайники со скидкой.'],
    tracking: ['Отследить посылку можно в личном кабинете.'],
    preheader: ['Открыть в браузере'],
  },
  uk: {
    no_reply: ['Цей лист не потребує відповіді.', 'Ця адреса не приймає вхідні листи.'],
    security: ['Ми ніколи не вимагаємо пароль або код із SMS.'],
    legal: ['© 2026 Рукавичка. Усі права захищено.'],
    privacy: ['Ми обробляємо персональні дані відповідно до політики конфіденційності.'],
    unsubscribe: ['Щоб відмовитися від розсилки, натисніть тут.'],
    survey: ['Залиште відгук про роботу служби підтримки.'],
    marketing: ['Тільки цього тижня знижка 20% на всі чайники.'],
    tracking: ['Відстежити відправлення можна в особистому кабінеті.'],
    preheader: ['Відкрити в браузері'],
  },
  cs: {
    no_reply: ['Tento e-mail byl vygenerován automaticky, prosíme, neodpovídejte na něj.'],
    security: ['Nikdy vás nežádáme o heslo ani o číslo karty.'],
    legal: ['Elektra obchod s.r.o., IČO 27081234, zapsaná v obchodním rejstříku u Městského soudu v Praze.'],
    privacy: ['Informace o zpracování osobních údajů najdete na našem webu.'],
    unsubscribe: ['Pokud nechcete dostávat novinky, můžete se odhlásit z odběru.'],
    survey: ['Ohodnoťte prosím naši zákaznickou podporu.'],
    marketing: ['Mohlo by se vám líbit: dětské stavebnice.'],
    tracking: ['Sledovat zásilku'],
    preheader: ['Zobrazit v prohlížeči'],
  },
  tr: {
    no_reply: ['Bu e-posta otomatik olarak gönderilmiştir, lütfen yanıtlamayınız.'],
    security: ['Sizden şifrenizi asla istemeyiz.'],
    legal: ['OdemeKolay Ödeme Hizmetleri A.Ş. | Mersis No: 0123456789000015'],
    privacy: ['Kişisel verileriniz KVKK kapsamında korunmaktadır.'],
    unsubscribe: ['Abonelikten çıkmak için tıklayın.'],
    survey: ['Alışverişinizden memnun kaldınız mı?'],
    marketing: ['İlginizi çekebilir: yeni sezon ev tekstili.'],
    tracking: ['Kargonuzu takip edin'],
    preheader: ['Tarayıcıda görüntüle'],
  },
  vi: {
    no_reply: ['Email này được gửi tự động, vui lòng không trả lời.'],
    security: ['Chúng tôi không bao giờ yêu cầu quý khách cung cấp mật khẩu hoặc mã OTP.'],
    legal: [
      'Công ty TNHH Chợ Sen | Mã số thuế: 0312345678',
      'Chính sách đổi trả: hoàn tiền 100% trong vòng 7 ngày nếu sản phẩm lỗi do nhà sản xuất.',
    ],
    privacy: ['Xem chính sách bảo mật để biết cách chúng tôi sử dụng dữ liệu cá nhân của bạn.'],
    unsubscribe: ['Bạn nhận được email này vì đã đăng ký tài khoản tại Chợ Sen.'],
    survey: ['Hãy dành một phút khảo sát về dịch vụ của chúng tôi.'],
    marketing: ['Ưu đãi cuối tuần: giảm 20% cho đơn từ 300.000đ.'],
    tracking: ['Theo dõi đơn hàng'],
    preheader: ['Xem trên trình duyệt'],
  },
  el: {
    no_reply: [
      'Αυτό είναι ένα αυτόματο μήνυμα, παρακαλούμε μην απαντήσετε σε αυτό.',
      'Η διεύθυνση αυτή δεν παρακολουθείται.',
    ],
    security: ['Δεν θα σας ζητήσουμε ποτέ τον κωδικό της κάρτας σας μέσω email.'],
    legal: ['© 2026 Κυψέλη Home ΙΚΕ. Με επιφύλαξη παντός δικαιώματος.', 'ΑΦΜ: 801234567, ΓΕΜΗ: 158812301000'],
    privacy: ['Διαβάστε την πολιτική απορρήτου για το πώς επεξεργαζόμαστε τα προσωπικά σας δεδομένα.'],
    unsubscribe: ['Λαμβάνετε αυτό το email επειδή είστε εγγεγραμμένοι στο κατάστημά μας.'],
    survey: ['Πώς τα πήγαμε; Αξιολογήστε την εξυπηρέτηση με ένα κλικ.'],
    marketing: ['Κατεβάστε την εφαρμογή μας για iOS και Android.'],
    tracking: ['Παρακολουθήστε την αποστολή σας από τον λογαριασμό σας.'],
    preheader: ['Δεν εμφανίζεται σωστά το μήνυμα; Προβολή στο πρόγραμμα περιήγησης.'],
  },
  ja: {
    no_reply: ['本メールは送信専用アドレスから配信しております。'],
    security: ['当社がメールでパスワードをお尋ねすることはありません。'],
    legal: ['Copyright © 2026 はなみ堂 All Rights Reserved.'],
    privacy: ['お客様の個人情報の取り扱いについてはプライバシーポリシーをご覧ください。'],
    unsubscribe: ['メールマガジンの配信停止はこちらから。'],
    survey: ['サービス向上のため、アンケートへのご協力をお願いいたします。'],
    marketing: ['ただいまポイント10倍キャンペーン開催中！'],
    tracking: ['配送状況はこちらからご確認いただけます。'],
    preheader: ['メールが正しく表示されない場合はこちら'],
  },
  ko: {
    no_reply: ['본 메일은 발신 전용으로 회신되지 않습니다.'],
    security: ['당사는 어떠한 경우에도 이메일로 비밀번호를 묻지 않습니다.'],
    legal: ['사업자등록번호 123-45-67890 | 통신판매업신고 제2026-서울마포-0000호'],
    privacy: ['고객님의 개인정보 처리방침은 홈페이지에서 확인하실 수 있습니다.'],
    unsubscribe: ['더 이상 메일 수신을 원하지 않으시면 수신거부를 눌러 주세요.'],
    survey: ['상담 만족도 설문에 참여해 주시면 큰 도움이 됩니다.'],
    marketing: ['지금 앱 다운로드하고 신규 회원 쿠폰 받기!'],
    tracking: ['배송 조회는 마이페이지에서 가능합니다.'],
    preheader: ['메일이 보이지 않으면 웹 브라우저에서 보기를 눌러 주세요.'],
  },
  ar: {
    no_reply: ['هذه رسالة آلية، يرجى عدم الرد على هذا البريد الإلكتروني.'],
    security: ['لن نطلب منك أبدا كلمة المرور أو رمز التحقق عبر البريد.'],
    legal: [
      'جميع الحقوق محفوظة © 2026 متجر الواحة، سجل تجاري 1010123456.',
      'سياسة الاسترجاع: يمكنك إرجاع المنتجات خلال 14 يوما من الاستلام.',
    ],
    privacy: ['نحمي بياناتك الشخصية وفقا لسياسة الخصوصية الخاصة بنا.'],
    unsubscribe: ['تصلك هذه الرسالة لأنك مسجل لدينا. لإلغاء الاشتراك اضغط هنا.'],
    survey: ['شاركنا رأيك في خدمة العملاء.'],
    marketing: ['تسوق الآن واستفد من عروضنا الحصرية.'],
    tracking: ['تتبع شحنتك من هنا'],
    preheader: ['عرض هذه الرسالة في المتصفح'],
  },
  zh: {
    no_reply: ['此邮件为系统自动发送，请勿直接回复。', '本郵件由系統自動發送，請勿直接回覆。'],
    security: ['我们不会以任何形式向您索取密码或验证码。'],
    legal: ['版权所有 © 2026 桃源优品'],
    privacy: ['我们依据隐私政策保护您的个人信息。'],
    unsubscribe: ['如不想再收到此类邮件，请点击退订。'],
    survey: ['欢迎参与满意度调查，帮助我们改进服务。'],
    marketing: ['猜你喜欢：新款保温杯限时特惠。'],
    tracking: ['点击查看物流，了解包裹最新动态。'],
    preheader: ['邮件无法正常显示？请在浏览器中查看。'],
  },
  sv: {
    no_reply: ['Detta är ett automatiskt meddelande och det går inte att svara på det.', 'Svara inte på detta mejl.'],
    security: ['Vi kommer aldrig att be dig om ditt lösenord eller BankID.'],
    legal: ['Kassly AB, org.nr 556987-1234, Sveavägen 40, 111 34 Stockholm.', 'Alla rättigheter förbehållna.'],
    privacy: ['Läs i vår integritetspolicy hur vi behandlar dina personuppgifter.'],
    unsubscribe: ['Du får detta mejl eftersom du är kund hos oss. Avregistrera dig här.'],
    survey: ['Hur nöjd är du med vår kundtjänst? Svara på vår korta enkät.'],
    marketing: ['Använd rabattkoden HOST10 för 10 % rabatt.'],
    tracking: ['Spåra ditt paket'],
    preheader: ['Visa i din webbläsare'],
  },
  da: {
    no_reply: ['Denne e-mail kan ikke besvares.', 'Du kan ikke svare på denne e-mail.'],
    security: ['Vi beder dig aldrig om din adgangskode eller pinkode.'],
    legal: ['Betalfix A/S, CVR-nr. 39 11 22 33, Vesterbrogade 12, 1620 København V.', 'Alle rettigheder forbeholdes.'],
    privacy: ['Læs vores privatlivspolitik om, hvordan vi behandler dine persondata.'],
    unsubscribe: ['Du modtager denne e-mail, fordi du er kunde hos os.'],
    survey: ['Hvor tilfreds er du med vores service? Udfyld vores korte spørgeskema.'],
    marketing: ['Brug rabatkoden HOST10 og få 10 % rabat.'],
    tracking: ['Følg din pakke'],
    preheader: ['Se denne e-mail i din browser'],
  },
  nb: {
    no_reply: ['Dette er en automatisk generert e-post.', 'Du kan ikke svare på denne e-posten.'],
    security: ['Vi ber deg aldri om passord eller BankID.'],
    legal: ['Betalo AS, org.nr. 923 456 789, Oslo.', 'Alle rettigheter reservert.'],
    privacy: ['Les personvernerklæringen vår for å se hvordan vi behandler personopplysninger.'],
    unsubscribe: ['Du mottar denne e-posten fordi du er kunde hos oss.'],
    survey: ['Hvor fornøyd var du med kundeservicen? Svar på en kort spørreundersøkelse.'],
    marketing: ['Bruk rabattkoden HOST10 og få 10 % rabatt.'],
    tracking: ['Spor pakken'],
    preheader: ['Vis i nettleser'],
  },
};

const ROWS = Object.entries(SAMPLES).flatMap(([lang, classes]) =>
  Object.entries(classes).flatMap(([cls, sentences]) => sentences.map((sentence) => ({ lang, cls, sentence }))),
);
const DIRECTIONS = [
  { direction: 'from_support', from: SUPPORT },
  { direction: 'from_customer', from: { address: FORWARDER, name: 'Alice Martin' } },
] as const;

/** A mail whose only statement is the boilerplate sentence, between a greeting and a sign-off. */
function mailWith(sentence: string, from: (typeof DIRECTIONS)[number]['from']) {
  return message({
    text: `Hello,\n\n${sentence}\n\nBest regards,\nJamie`,
    from,
    to: from === SUPPORT ? [{ address: FORWARDER, name: 'Alice Martin' }] : [SUPPORT],
    forward: from === SUPPORT ? 'inline' : 'none',
  });
}

describe('boilerplate: every class in every language', () => {
  it('covers all nine classes in all eight languages', () => {
    expect(LEXICONS.map((l) => l.code).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const classes of Object.values(SAMPLES))
      expect(Object.keys(classes).sort()).toEqual([...BOILERPLATE_CLASSES].sort());
  });

  it.each(ROWS)('$lang $cls: $sentence', ({ sentence, cls }) => {
    expect(boilerplateClassOf(sentence)).toBe(cls);
  });
});

describe('boilerplate decides nothing, in either direction', () => {
  const cases = DIRECTIONS.flatMap(({ direction, from }) => ROWS.map((row) => ({ ...row, direction, from })));
  it.each(cases)('$direction, $lang $cls: $sentence', ({ sentence, direction, from }) => {
    const mail = mailWith(sentence, from);
    const findings = analyze(mail, builtInRuleset, { customerAddresses: [FORWARDER] });
    expect(findings.direction).toBe(direction);
    expect(findings.resolution).toBeNull();
    expect(findings.reportedResolution ?? null).toBeNull();
    expect(findings.nextSteps).toBeNull();
    // Set aside, not merely unmatched: the rules never saw it.
    const ctx = contextOf(mail, [FORWARDER]);
    expect(ctx.setAside.map((s) => s.sentence).join(' ')).toContain(sentence.replace(/\s+/g, ' ').split(' ')[0]);
    expect(ctx.text.newText).not.toContain(sentence);
  });
});

describe('denial-looking footers beside real news', () => {
  it.each([
    'This email was sent from a notification-only address that cannot accept incoming email.',
    'We cannot accept incoming email.',
    "We can't process replies to this address.",
    'We will never ask for your password.',
    'Diese Adresse kann keine eingehenden E-Mails empfangen.',
    'Nous ne pouvons pas traiter les réponses envoyées à cette adresse.',
    'No podemos procesar respuestas enviadas a esta dirección.',
  ])('%j is set aside; the update around it still counts', (footer) => {
    const text = [
      'Hi Alice,',
      '',
      'Your return for order 112-4477019 has arrived at our warehouse. We will inspect it and email you within 3 business days.',
      '',
      footer,
    ].join('\n');
    const findings = analyze(message({ text }), builtInRuleset, { customerAddresses: [FORWARDER] });
    expect(findings.resolution).toBeNull();
    expect(findings.nextSteps).toMatch(/within 3 business days/);
    expect(findings.summary).not.toContain(footer);
  });
});

describe('news stays: sentences that share words with boilerplate', () => {
  it.each([
    'Your replacement has shipped, track your package here.',
    'Your refund was denied under our terms and conditions.',
    'We will email you the FedEx tracking link within 1 business day.',
    'Je ontvangt binnen 2 werkdagen een track & trace-code per e-mail.',
    'Concernant la commande n° JM-55102, notre transporteur a ouvert une enquête.',
    'Leider müssen wir Ihre Reklamation ablehnen: Laut Sendungsverfolgung wurde die Ware zugestellt.',
    'Hemos recibido tu solicitud y se le ha asignado el número 77120.',
    'I have had no reply to my last two emails.',
    'As a goodwill gesture we have added a discount code worth €10 to your account.',
    'Please reply to this email with a photo of the damage.',
  ])('%j', (sentence) => {
    expect(boilerplateClassOf(sentence)).toBeNull();
    expect(setAsideBoilerplate(`Hello,\n\n${sentence}`).text).toContain(sentence);
  });
});

describe('setAsideBoilerplate: lines and sentences', () => {
  it('drops a footer wrapped over two lines and a link line whole, and takes a footer sentence out of a mixed line', () => {
    const text = [
      'Hello Alice,',
      '',
      'We have issued your refund of $20.00 for order 123-456. Unsubscribe from marketing emails here.',
      '',
      'This email was sent from a notification-only address that',
      'cannot accept incoming email. Please do not reply to this message.',
      '',
      'Your Orders | Your Account | Help',
    ].join('\n');
    const { text: kept, setAside } = setAsideBoilerplate(text);
    expect(kept).toBe('Hello Alice,\n\nWe have issued your refund of $20.00 for order 123-456.');
    expect(setAside.map((s) => s.class)).toEqual(['unsubscribe', 'no_reply', 'no_reply', 'tracking']);
  });

  it('removes invisible preheader filler and notes it once', () => {
    const filler = '\u200c \u200c \u200c \u200c \u200c';
    const { text, setAside } = setAsideBoilerplate(
      `Your refund is on its way ${filler}\n\nHello Alice,\n\nRe\u00adfund approved.`,
    );
    expect(text).toBe('Your refund is on its way\n\nHello Alice,\n\nRefund approved.');
    expect(setAside).toEqual([{ sentence: '(invisible preheader filler)', class: 'preheader' }]);
  });

  it('leaves the signature and the quoted history as they were split', () => {
    const mail = message({
      text: [
        'Hi Alice,',
        '',
        'We shipped the replacement today.',
        'Please do not reply to this message.',
        '',
        'Best regards,',
        'Jamie',
        'Unsubscribe',
        '',
        'On Mon, 6 Nov 2023 at 19:40, Alice Martin <alice@example.net> wrote:',
        '> Please do not reply with a template again.',
      ].join('\n'),
    });
    const ctx = contextOf(mail);
    expect(ctx.text.newText).toBe('Hi Alice,\n\nWe shipped the replacement today.');
    expect(ctx.text.signature).toContain('Unsubscribe');
    expect(ctx.text.quoted).toContain('Please do not reply with a template again.');
    expect(ctx.setAside).toEqual([{ sentence: 'Please do not reply to this message.', class: 'no_reply' }]);
  });
});

describe('sender template', () => {
  const footer = 'Refunds are issued to the original payment method within 5 business days.';
  const template: SenderTemplate = new Set([sentenceFingerprint(footer)]);

  it('sets aside a sentence of the learnt template, however it is spaced or punctuated', () => {
    const text = `Hi Alice,\n\nYour return was received.\n\nRefunds are issued to the original\npayment method within 5 business days!`;
    const { text: kept, setAside } = setAsideBoilerplate(text, template);
    expect(kept).toBe('Hi Alice,\n\nYour return was received.');
    expect(setAside).toEqual([
      { sentence: 'Refunds are issued to the original payment method within 5 business days!', class: 'template' },
    ]);
  });

  it('keeps a form letter filled in with another amount: digits are part of the fingerprint', () => {
    const learnt: SenderTemplate = new Set([
      sentenceFingerprint('Your refund of $12.00 for order 123-456 has been issued.'),
    ]);
    const text = 'Your refund of $99.10 for order 789-012 has been issued.';
    expect(setAsideBoilerplate(text, learnt).text).toBe(text);
    expect(setAsideBoilerplate('Your refund of $12.00 for order 123-456 has been issued.', learnt).text).toBe('');
  });

  it('never learns or sets aside sentences under three words', () => {
    expect(templateFingerprintsOf('Hi Alice,\n\nRefund approved.\n\nYour return arrived today.')).toEqual([
      'your return arrived today',
    ]);
    expect(setAsideBoilerplate('Refund approved.', new Set(['refund approved'])).text).toBe('Refund approved.');
  });

  it('fingerprints only the new text, and no boilerplate', () => {
    const fingerprints = templateFingerprintsOf(
      [
        'Hi Alice,',
        '',
        'Your return was received.',
        'Please do not reply to this message.',
        '',
        'On Mon, 6 Nov 2023 at 19:40, Alice Martin <alice@example.net> wrote:',
        '> Where is my refund for the blender?',
      ].join('\n'),
    );
    expect(fingerprints).toEqual(['your return was received']);
  });

  it('sets the template aside before the rules run: no resolution from it', () => {
    const text = `Hi Alice,\n\nWe have received your return and will inspect it within 3 business days.\n\n${footer}`;
    const mail = message({ text });
    const withTemplate = analyze(mail, builtInRuleset, { senderTemplate: template });
    expect(withTemplate.resolution).toBeNull();
    expect(withTemplate.summary).not.toContain('Refunds are issued');
    expect(contextOf(mail, [], template).setAside).toEqual([{ sentence: footer, class: 'template' }]);
  });
});

describe('confidentiality disclaimers in the usual wordings', () => {
  const DISCLAIMERS = [
    'NOTICE: This email may contain confidential information intended only for the recipient named above.',
    'This message and its attachments are confidential and may be privileged.',
    'If you are not the intended recipient, please notify the sender and delete this message.',
    'Este mensaje y sus archivos adjuntos son confidenciales y se dirigen únicamente a su destinatario.',
    'Si usted no es el destinatario indicado, le rogamos que lo comunique al remitente y lo elimine.',
    'Questo messaggio e i suoi allegati sono confidenziali e destinati unicamente alle persone indicate.',
    'Se non siete i destinatari, vi preghiamo di eliminarlo e di avvisare il mittente.',
    'Ce message et ses pièces jointes sont confidentiels et réservés à l’usage de leurs destinataires.',
    'Si vous n’êtes pas le destinataire de ce message, merci de le détruire et d’en avertir l’expéditeur.',
    'Esta mensagem e os seus anexos são confidenciais e destinam-se apenas ao destinatário indicado.',
    'Se não for o destinatário, por favor apague-a e informe o remetente.',
    'Diese E-Mail und ihre Anhänge sind vertraulich und nur für den genannten Empfänger bestimmt.',
    'Wenn Sie nicht der vorgesehene Empfänger sind, informieren Sie bitte den Absender und löschen Sie diese Nachricht.',
    'Dit bericht en de bijlagen zijn vertrouwelijk en alleen bestemd voor de geadresseerde.',
    'Bent u niet de geadresseerde, verwijder dit bericht dan en laat het de afzender weten.',
  ];

  it.each(DISCLAIMERS)('%j is legal boilerplate', (sentence) => {
    expect(boilerplateClassOf(sentence)).toBe('legal');
  });

  it.each(DISCLAIMERS)('%j under a short reply is never its summary', (footer) => {
    const text = ['Hi Alice,', '', 'Thank you for your message.', '', footer].join('\n');
    const findings = analyze(message({ text }), builtInRuleset, { customerAddresses: [FORWARDER] });
    expect(findings.summary).not.toContain(footer.slice(0, 30));
  });

  it.each([
    'The information you sent us is confidential and we keep it safe.',
    'Your message with the attachments reached us; we will reply within 2 business days.',
  ])('%j stays', (sentence) => {
    expect(boilerplateClassOf(sentence)).toBeNull();
  });
});
