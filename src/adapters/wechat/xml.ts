import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** WeChat Pay v2 messages are a few hundred bytes; anything near this limit is not one. */
export const MAX_XML_BYTES = 64 * 1024;

export type XmlMessageErrorReason = 'EMPTY' | 'TOO_LARGE' | 'DOCTYPE' | 'MALFORMED' | 'NOT_A_MESSAGE';

export class XmlMessageError extends Error {
  constructor(readonly reason: XmlMessageErrorReason, message: string) {
    super(message);
    this.name = 'XmlMessageError';
  }
}

/** A flat `<xml>` message: field name → text, every value a string exactly as sent. */
export type XmlFields = Record<string, string>;

const CDATA = '#cdata';
const TEXT = '#text';

const parser = new XMLParser({
  // No entity is ever resolved (the 2018 WeChat Pay SDK XXE); the five predefined ones are decoded below.
  processEntities: false,
  htmlEntities: false,
  // "0100" and "1e3" stay strings: signatures are computed over the text as sent.
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  trimValues: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 4,
});

const builder = new XMLBuilder({ cdataPropName: CDATA, format: false, suppressEmptyNode: false });

/**
 * Parses a WeChat Pay message, refusing anything that is not a small, flat, entity-free `<xml>`
 * (`<root>` for the inside of a refund notification).
 */
export function parseXmlMessage(raw: string, { maxBytes = MAX_XML_BYTES, root = 'xml' } = {}): XmlFields {
  if (typeof raw !== 'string' || raw.trim() === '') throw new XmlMessageError('EMPTY', 'empty body');
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) {
    throw new XmlMessageError('TOO_LARGE', `body larger than ${maxBytes} bytes`);
  }
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(raw)) {
    throw new XmlMessageError('DOCTYPE', 'DOCTYPE and ENTITY declarations are refused');
  }
  const valid = XMLValidator.validate(raw);
  if (valid !== true) throw new XmlMessageError('MALFORMED', `not XML: ${valid.err.msg}`);

  let document: Record<string, unknown>;
  try {
    document = parser.parse(raw) as Record<string, unknown>;
  } catch (error) {
    throw new XmlMessageError('MALFORMED', `not XML: ${(error as Error).message}`);
  }
  const rootNames = Object.keys(document);
  if (rootNames.length !== 1 || rootNames[0] !== root) {
    throw new XmlMessageError('NOT_A_MESSAGE', `the root element must be <${root}>`);
  }
  return flatFields(document[root]);
}

function flatFields(root: unknown): XmlFields {
  const fields: XmlFields = Object.create(null) as XmlFields;
  if (root === '' || (typeof root === 'string' && root.trim() === '')) return fields;
  if (typeof root !== 'object' || root === null) {
    throw new XmlMessageError('NOT_A_MESSAGE', '<xml> must contain fields, not text');
  }
  for (const [name, value] of Object.entries(root)) {
    if (name === TEXT) {
      if (typeof value === 'string' && value.trim() === '') continue;
      throw new XmlMessageError('NOT_A_MESSAGE', '<xml> must contain fields, not text');
    }
    fields[name] = fieldText(name, value);
  }
  return fields;
}

function fieldText(name: string, value: unknown): string {
  if (typeof value === 'string') return decodePredefinedEntities(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const cdata = (value as Record<string, unknown>)[CDATA];
    if (keys.length === 1 && keys[0] === CDATA) {
      if (typeof cdata === 'string') return cdata;
      // `]]>` inside a value is sent as consecutive CDATA sections.
      if (Array.isArray(cdata) && cdata.every((part) => typeof part === 'string')) return cdata.join('');
    }
  }
  const why = Array.isArray(value) ? 'appears more than once' : 'is not a plain text field';
  throw new XmlMessageError('NOT_A_MESSAGE', `<${name}> ${why}`);
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The five entities every XML document has and character references; nothing that could expand. */
function decodePredefinedEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** Builds `<xml><name><![CDATA[value]]></name>…</xml>`; empty and missing values are left out. */
export function buildXmlMessage(fields: Readonly<Record<string, string | number | undefined | null>>, root = 'xml'): string {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null || value === '') continue;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a WeChat field name: ${name}`);
    const text = String(value);
    // A CDATA section cannot hold `]]>`; such a value goes as escaped text instead.
    body[name] = typeof value === 'number' || text.includes(']]>') ? text : { [CDATA]: text };
  }
  return builder.build({ [root]: body }) as string;
}
