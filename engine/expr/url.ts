/**
 * `{{ }}` in an http URL (issue #11 item 6): a value spliced into a URL as text can rewrite it, so
 * `http://{{ $input.u }}.invalid/` with u = `127.0.0.1:8080/steal?` sent the request to 127.0.0.1.
 * Each inserted value is percent-encoded (encodeURIComponent: `/ ? # & = : @` and the rest become
 * `%XX`), so it can only be text inside the part of the URL where it stands. Two cases keep the raw
 * value, because there the expression already decides the whole destination: a URL that is one
 * expression (`{{ $vars.endpoint }}`), and a template that starts the URL (`{{ $env.API }}/v1/x`,
 * a base URL). To build a URL from pieces on purpose, write it as one expression:
 * `{{ "https://api.example.com/" & $input.path }}`.
 */
import { evaluateExpression, type Bindings } from './evaluate.js';
import { findTemplates, valueToText } from './templates.js';

/**
 * Interpolates `url`: a template at the very start (the whole URL, or its base) inserts its value
 * as text; every other template inserts its value percent-encoded. Returns the URL as a string (a
 * non-string value of a whole-URL expression as JSON text, which the http executor then refuses as
 * a bad URL). Throws ExpressionError as evaluateExpression does.
 */
export async function interpolateUrl(url: string, bindings: Bindings): Promise<string> {
  const templates = findTemplates(url);
  let out = '';
  let last = 0;
  for (const t of templates) {
    const text = valueToText(await evaluateExpression(t.expr, bindings));
    out += url.slice(last, t.start) + (t.start === 0 ? text : encodeURIComponent(text));
    last = t.end;
  }
  return out + url.slice(last);
}
