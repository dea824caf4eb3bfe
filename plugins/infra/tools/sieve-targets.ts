/**
 * The addresses a Sieve script (RFC 5228) sends mail to: the target of each `redirect`, and the `mailto:` method of
 * each `notify` (RFC 5435) with the to/cc/bcc of its URI. A target the script computes (variables, encoded
 * characters: `${…}`) cannot be known here and is returned as written, so that an allow-list refuses it.
 */

type Token = { kind: 'word' | 'tag' | 'string' | 'punct'; text: string };

/** Strings (quoted and text: blocks), words, tags and punctuation; comments dropped. */
function tokenize(script: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (/\s/.test(c)) i++;
    else if (c === '#') {
      while (i < n && script[i] !== '\n') i++;
    } else if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"') {
      let s = '';
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n) i++;
        s += script[i++];
      }
      i++;
      out.push({ kind: 'string', text: s });
    } else if (/^text:/i.test(script.slice(i, i + 5))) {
      // text: … CRLF . CRLF, lines starting with a dot are dot-stuffed.
      const start = script.indexOf('\n', i);
      const lines: string[] = [];
      let j = start < 0 ? n : start + 1;
      while (j < n) {
        const eol = script.indexOf('\n', j);
        const line = script.slice(j, eol < 0 ? n : eol).replace(/\r$/, '');
        j = eol < 0 ? n : eol + 1;
        if (line === '.') break;
        lines.push(line.startsWith('..') ? line.slice(1) : line);
      }
      i = j;
      out.push({ kind: 'string', text: lines.join('\n') });
    } else if (c === ':') {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(script[j])) j++;
      out.push({ kind: 'tag', text: script.slice(i, j).toLowerCase() });
      i = j;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_]/.test(script[j])) j++;
      out.push({ kind: 'word', text: script.slice(i, j).toLowerCase() });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

/** The addresses of a mailto: URI: its path and its to, cc and bcc fields. */
function mailtoAddresses(uri: string): string[] {
  const rest = uri.slice('mailto:'.length);
  const [path, query = ''] = rest.split('?', 2);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const out = path ? path.split(',').map(decode) : [];
  for (const pair of query.split('&')) {
    const [k, v = ''] = pair.split('=', 2);
    if (['to', 'cc', 'bcc'].includes(decode(k).toLowerCase())) out.push(...decode(v).split(','));
  }
  return out.map((a) => a.trim()).filter(Boolean);
}

export function sieveRecipients(script: string): string[] {
  const tokens = tokenize(script);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.text !== 'redirect' && t.text !== 'notify')) continue;
    // The arguments up to the end of the command; the positional one (target or method) comes last.
    const args: Token[][] = [];
    let j = i + 1;
    while (j < tokens.length && !(tokens[j].kind === 'punct' && (tokens[j].text === ';' || tokens[j].text === '{' || tokens[j].text === '}'))) {
      if (tokens[j].kind === 'punct' && tokens[j].text === '[') {
        const list: Token[] = [];
        j++;
        while (j < tokens.length && !(tokens[j].kind === 'punct' && tokens[j].text === ']')) {
          if (tokens[j].kind === 'string') list.push(tokens[j]);
          j++;
        }
        args.push(list);
      } else if (tokens[j].kind === 'string') args.push([tokens[j]]);
      j++;
    }
    const last = args.at(-1) ?? [];
    for (const s of last) {
      if (t.text === 'redirect') out.push(s.text.trim());
      else if (/^\s*mailto:/i.test(s.text)) out.push(...mailtoAddresses(s.text.trim()));
      else if (s.text.includes('${')) out.push(s.text.trim());
    }
    i = j;
  }
  return out;
}
