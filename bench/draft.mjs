// Deterministic generator of long Markdown policy drafts from a loaded fact base.
// Every name, office, date, document, count, figure and term comes from the fact base; a seeded PRNG decides
// the wording, the Markdown around it, and whether each fact is stated right or wrong. Same fact base + seed → same text.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Words as a reader counts them: whitespace-separated runs that contain a letter or digit. */
export function countWords(text) {
  let n = 0;
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const parts = (iso) => iso.split('-').map(Number);

/** Builds the material (names, events, offices…) once per fact base. */
function material(facts) {
  const people = [...facts.people.values()];
  const orgs = [...facts.organisations.values()];
  const events = [...facts.events.values()];
  const offices = [...facts.offices.values()];
  const documents = [...facts.documents.values()];
  const claims = [...facts.claims.values()];
  const sources = [...facts.sources.values()];
  const main = (facts.defaultEvent && facts.events.get(facts.defaultEvent)) || events[0];
  const holders = new Map();
  for (const p of people)
    for (const t of p.offices) {
      const list = holders.get(t.office) ?? [];
      list.push({ person: p, from: t.from, to: t.to });
      holders.set(t.office, list);
    }
  // Fact-base phrases are often lower case ("talks with xi"); write a word capitalised where the fact base
  // capitalises it elsewhere (names, titles, places, office wordings), as a writer would.
  // A word is capitalised if the fact base's names or places write it so, or if it is capitalised in titles and
  // wordings and never lower case in a phrase or wording.
  const proper = new Map();
  const lower = new Set();
  const words = (text) => (text ?? '').split(/[^\p{L}\p{N}'’.-]+/u).filter(Boolean);
  const learn = (text, always) => {
    for (const w of words(text)) if (/^\p{Lu}/u.test(w) && (always || !lower.has(w.toLowerCase()))) proper.set(w.toLowerCase(), w);
  };
  for (const o of offices) for (const w of o.wordings.flatMap((x) => words(x).slice(1))) if (!/^\p{Lu}/u.test(w)) lower.add(w);
  for (const e of events) for (const w of e.phrases.flatMap(words)) lower.add(w);
  for (const e of people) for (const x of [e.name, ...e.preferred, ...e.spellings]) learn(x, true);
  for (const e of orgs) for (const x of [e.name, ...e.preferred, ...e.spellings]) learn(x, false);
  for (const e of events) learn(e.place, true);
  for (const x of [...MONTHS, ...WEEKDAYS]) learn(x, true);
  for (const o of offices) for (const x of o.wordings) learn(x, false);
  const write = (phrase) =>
    phrase
      .split(' ')
      .map((w) => {
        const [, stem, tail] = /^(.*?)((?:['’]s)?)$/.exec(w);
        return (proper.get(stem) ?? stem) + tail;
      })
      .join(' ');
  const ending = /\b(on|of|with|to|in|for|and)$/;
  const phrasesOf = (e) => {
    const verbal = [];
    const nouns = [];
    for (const raw of e.phrases) {
      if (ending.test(raw)) continue;
      if (/^(\p{L}+ed|met|left|flew|went|held)\b/u.test(raw)) verbal.push(write(raw));
      else if (/^(in|at|during)\b/.test(raw) || /^(?!meeting)\p{L}+ing\b/u.test(raw)) continue;
      else if (/^\S+['’]s\b/.test(raw)) nouns.push(write(raw));
      else nouns.push(`the ${write(raw.replace(/^(the|this|his|her|its) /, ''))}`);
    }
    return { verbal, nouns };
  };
  const eventPhrases = new Map(events.map((e) => [e, phrasesOf(e)]));
  const docPhrases = new Map(
    documents.map((d) => [d, d.phrases.filter((p) => !ending.test(p)).map((p) => `the ${write(p.replace(/^the /, ''))}`)]),
  );
  return {
    facts,
    people,
    orgs,
    events,
    offices,
    documents,
    claims,
    sources,
    main,
    holders,
    eventPhrases,
    docPhrases,
    proper,
    write,
    counts: facts.documentCounts,
    terms: facts.terms,
  };
}

/** A one- or two-letter slip in the longest word of a spelling (for fuzzy name matching). */
function typo(form, rnd) {
  const words = form.split(' ');
  let w = 0;
  for (let i = 1; i < words.length; i++) if (words[i].length > words[w].length) w = i;
  const word = words[w];
  if (word.length < 5) return form;
  const i = 1 + Math.floor(rnd() * (word.length - 3));
  words[w] = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  return words.join(' ');
}

export function generateDraft(facts, targetWords, seed = 1) {
  const rnd = prng(seed);
  const m = material(facts);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const chance = (p) => rnd() < p;
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const WRONG = 0.3;

  // ---------- facts as words ----------
  const name = (entity, right = !chance(WRONG)) => {
    if (!entity) return 'the delegation';
    if (right) return pick([...entity.preferred, ...entity.preferred, ...entity.spellings, entity.name]);
    if (entity.misspellings.length && chance(0.6)) return pick(entity.misspellings);
    return typo(pick([entity.name, ...entity.preferred]), rnd);
  };
  const person = () => pick(m.people);
  const cap = (s) => s.replace(/^(\[?)(\p{Ll})/u, (_, b, c) => b + c.toUpperCase());
  const emph = (s) => (chance(0.12) ? `*${s}*` : chance(0.06) ? `**${s}**` : s);

  const dateText = (iso, style = pick(['dmy', 'dmy', 'dmy', 'mdy', 'iso', 'dmyNoYear'])) => {
    const [y, mo, d] = parts(iso);
    switch (style) {
      case 'mdy':
        return `${MONTHS[mo - 1]} ${d}, ${y}`;
      case 'iso':
        return iso;
      case 'dmyNoYear':
        return `${d} ${MONTHS[mo - 1]}`;
      default:
        return `${d} ${MONTHS[mo - 1]} ${y}`;
    }
  };
  const rangeText = (from, to) => {
    if (from === to) return dateText(from);
    const [y1, m1, d1] = parts(from);
    const [y2, m2, d2] = parts(to);
    const dash = chance(0.5) ? '\u2013' : '-';
    if (y1 === y2 && m1 === m2) return `${d1}${dash}${d2} ${MONTHS[m2 - 1]} ${y2}`;
    return `${d1} ${MONTHS[m1 - 1]} ${dash} ${d2} ${MONTHS[m2 - 1]} ${y2}`;
  };
  /** A date (or range) for an event: inside it when right, just outside or in the wrong year when wrong. */
  const when = (event, right = !chance(WRONG)) => {
    const start = event?.start ?? '2023-03-01';
    const end = event?.end ?? start;
    if (right) {
      if (start !== end && chance(0.3)) return rangeText(start, end);
      const span = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
      return dateText(addDays(start, int(0, span)));
    }
    if (chance(0.2)) {
      const [y, mo, d] = parts(start);
      return `${d} ${MONTHS[mo - 1]} ${y + pick([-1, 1])}`;
    }
    if (start !== end && chance(0.3)) return rangeText(addDays(start, 1), addDays(end, int(1, 3)));
    return dateText(chance(0.5) ? addDays(start, -int(1, 4)) : addDays(end, int(1, 4)));
  };
  const weekday = (event, right = !chance(WRONG)) =>
    WEEKDAYS[(new Date(`${event?.start ?? '2023-03-01'}T00:00:00Z`).getUTCDay() + (right ? 0 : int(1, 6))) % 7];
  const eventRef = (event) => {
    if (!event) return 'the visit';
    const { nouns } = m.eventPhrases.get(event);
    return nouns.length && chance(0.8) ? pick(nouns) : event.name.replace(/^The /, 'the ');
  };
  const participants = (event) => event?.participants.map((id) => m.facts.people.get(id)).filter(Boolean) ?? [];
  const docRef = (doc) => {
    if (!doc) return 'the joint statement';
    const phrases = m.docPhrases.get(doc);
    const text = phrases.length && chance(0.6) ? pick(phrases) : `the ${doc.title}`;
    return chance(0.25) ? `[${text}](https://example.org/doc/${doc.id})` : text;
  };
  const office = (right = !chance(WRONG)) => {
    const o = pick(m.offices);
    if (!o) return `${name(person())}`;
    const on = m.main?.start ?? '2023-03-01';
    const now = (m.holders.get(o.id) ?? []).filter((h) => h.from <= on && (!h.to || on <= h.to)).map((h) => h.person);
    const others = m.people.filter((p) => !now.includes(p));
    const who = right && now.length ? pick(now) : others.length ? pick(others) : person();
    const wording = pick(o.wordings);
    return `${/['’]s /.test(wording) ? '' : 'the '}${wording} ${emph(name(who, !chance(0.1)))}`;
  };
  const amount = (claim, right = !chance(WRONG)) => {
    const v = claim.value ?? 1;
    const value = right ? v : +(v * pick([0.5, 2, 3, 10, 1.4])).toFixed(2);
    const unit = claim.unit ?? '';
    const q = claim.qualifier && chance(0.7) ? `${claim.qualifier} ` : '';
    if (/^(usd|\$|us dollars?|dollars?)$/i.test(unit)) return q + fmtMoney(value, '$');
    if (/^(eur|€|euros?)$/i.test(unit)) return q + fmtMoney(value, '€');
    return q + (unit ? `${value} ${unit}` : String(value));
  };
  const fmtMoney = (v, sign) =>
    v >= 1e9 ? `${sign}${+(v / 1e9).toFixed(2)} billion` : v >= 1e6 ? `${sign}${+(v / 1e6).toFixed(1)} million` : `${sign}${v}`;
  /** A sentence on an assessed topic, hedged or not: "may evade sanctions", "accused of evading sanctions". */
  const topic = (c) => {
    const t = c.topics.length ? pick(c.topics) : 'change course';
    const subject = pick(['The documents', 'The agreements', `${name(person())}`, 'Minsk']);
    if (/^\p{L}+ing\b/u.test(t))
      return `${subject} ${pick(['were accused of', 'could help with', 'will be used for'])} ${t}, ${claimant(c)} ${pick(['said', 'says', 'argued'])}.`;
    if (/\p{L}+ion\b/u.test(t)) return `${claimant(c)} ${pick(['warned of', 'pointed to'])} ${t}${cite()}.`;
    return `${subject} ${pick(['will', 'may', 'could', 'will certainly', 'might'])} help Russia ${t}, ${pick(['some argue', `according to ${claimant(c)}`, 'it is said'])}.`;
  };
  /** A figure stated with one of the claim's attribution phrases, in a sentence that fits the phrase. */
  const attributed = (c) => {
    const measure = c.measure ?? 'total';
    const phrase = c.attribution.length ? pick(c.attribution) : 'according to';
    if (/^according to$/i.test(phrase)) return `According to ${claimant(c)}, the ${measure} would reach ${amount(c)}`;
    if (/^puts?$/i.test(phrase)) return `${cap(claimant(c))} ${phrase} the ${measure} at ${amount(c)}`;
    if (/^\p{L}+(s|ed)$/u.test(phrase) && !m.proper.has(phrase))
      return `${cap(claimant(c))} ${phrase} that the ${measure} would reach ${amount(c)}`;
    if (/ (says|said)$/.test(phrase)) return `${cap(m.write(phrase))} the ${measure} will reach ${amount(c)}`;
    if (/^reportedly$/i.test(phrase)) return `The ${measure} will reportedly reach ${amount(c)}`;
    if (/ing\b/.test(phrase)) return `The ${measure} would reach ${amount(c)}, ${claimant(c)} said`;
    return `${cap(m.write(phrase))} put the ${measure} at ${amount(c)}`;
  };
  const claimant = (claim) => {
    const id = claim.claimedBy[0]?.by;
    const who = m.facts.people.get(id) ?? m.facts.organisations.get(id);
    return who ? name(who) : 'officials';
  };
  const countOf = (group, right = !chance(WRONG)) => {
    const counts = group.counts;
    if (right) {
      const c = pick(counts);
      return int(c.min, c.max);
    }
    const max = Math.max(...counts.map((c) => c.max));
    return max + int(2, 12);
  };
  const term = (right = !chance(WRONG)) => {
    const t = pick(m.terms);
    return t ? (right ? t.prefer : pick(t.instead)) : 'the partnership';
  };
  let footnote = 0;
  const notes = [];
  const cite = () => {
    if (!m.sources.length || !chance(0.25)) return '';
    const s = pick(m.sources);
    footnote++;
    notes.push(
      `[^${footnote}]: ${s.publisher}, "${s.title}"${s.date ? `, ${dateText(s.date, 'dmy')}` : ''}. <https://example.org/s/${s.id}>`,
    );
    return `[^${footnote}]`;
  };

  // ---------- sentences ----------
  const filler = [
    () =>
      `The ${pick(['partnership', 'relationship', 'cooperation', 'alignment'])} remains ${pick(['asymmetric', 'largely declaratory', 'driven by politics rather than trade', 'uneven across sectors'])}, and ${pick(['analysts', 'diplomats', 'observers', 'officials in Brussels'])} ${pick(['doubt', 'question', 'are sceptical'])} that it will deliver ${pick(['much', 'quickly', 'on schedule'])}.`,
    () =>
      `Much of what was ${pick(['agreed', 'signed', 'announced'])} repeats ${pick(['earlier pledges', 'commitments from previous years', 'older programmes'])} that were never ${pick(['implemented', 'funded', 'followed up'])}.`,
    () =>
      `${pick(['Western', 'European', 'Ukrainian', 'Polish'])} governments should ${pick(['monitor', 'track', 'follow closely'])} the ${pick(['defence', 'industrial', 'media', 'financial'])} projects that ${pick(['follow', 'result from', 'build on'])} ${term()}.`,
    () =>
      `For ${pick(['Minsk', 'Beijing', 'Moscow'])}, the ${pick(['symbolism', 'protocol', 'timing'])} mattered at least as much as the ${pick(['substance', 'documents', 'figures'])}; see \`${pick(m.events)?.id ?? 'event'}\` in the fact base.`,
    () =>
      `None of the ${pick(['published', 'official', 'public'])} readouts ${pick(['mentions', 'describes', 'confirms'])} ${pick(['security guarantees', 'arms deliveries', 'a timetable', 'financing terms'])}, which ${pick(['suggests', 'may mean', 'indicates'])} that ${pick(['talks continue', 'details were left open', 'nothing was settled'])}.`,
  ];
  const factual = [
    () => {
      const e = pick(m.events);
      return `On ${when(e)}, ${emph(name(pick(participants(e)) ?? person()))} took part in ${eventRef(e)}${e?.place && chance(0.5) ? ` in ${e.place}` : ''}.`;
    },
    () => {
      const e = pick(m.events);
      const { verbal } = m.eventPhrases.get(e) ?? { verbal: [] };
      return verbal.length
        ? `${emph(name(participants(e)[0] ?? person()))} ${pick(verbal)} on ${when(e)}${cite()}.`
        : `${cap(eventRef(e))} took place on ${when(e)}.`;
    },
    () => {
      const e = pick(m.events);
      const ps = participants(e);
      return ps.length >= 2
        ? `${emph(name(ps[0]))} and ${emph(name(ps[1]))} met on ${when(e)}${chance(0.4) ? `, a ${weekday(e)}` : ''}.`
        : `${cap(eventRef(e))} took place on ${when(e)}.`;
    },
    () =>
      `${cap(office())} ${pick(['received', 'met', 'welcomed', 'held talks with'])} ${name(pick(participants(m.main)) ?? person())} on ${when(m.main)}.`,
    () => {
      const d = pick(m.documents);
      return d
        ? `${cap(docRef(d))} was signed on ${when(d.event ? m.facts.events.get(d.event) : { start: d.date ?? m.main?.start })}${cite()}.`
        : `A joint statement was signed.`;
    },
    () => {
      const g = pick(m.counts);
      if (!g) return 'Several documents were signed.';
      const e = m.facts.events.get(g.event);
      return `${pick(['In all', 'Altogether', 'According to the count'])}, ${countOf(g)} ${pick(g.nouns)} were signed during ${eventRef(e)}${cite()}.`;
    },
    () => {
      const c = pick(m.claims);
      if (!c) return 'The figures were not published.';
      return c.value !== undefined
        ? chance(0.6)
          ? `${attributed(c)}${cite()}.`
          : `The visit brought ${amount(c)} in ${pick(c.reframings.filter((r) => !/ed$/.test(r))) ?? 'deals'}.`
        : topic(c);
    },
    () => {
      const o = pick(m.orgs);
      return o
        ? `Executives of ${emph(name(o))} ${pick(['met', 'were received by', 'briefed'])} ${name(m.people[0])} on ${when(m.main)}.`
        : `Business leaders met the delegation.`;
    },
    () => `${name(person())} ${pick(['reaffirmed', 'praised', 'invoked'])} the ${term()} during ${eventRef(m.main)}${cite()}.`,
  ];
  const sentence = () => (chance(0.65) ? pick(factual)() : pick(filler)());

  // ---------- blocks ----------
  const wrap = (text) => {
    if (!chance(0.4)) return text;
    const out = [];
    let line = '';
    for (const word of text.split(' ')) {
      const safe = !/^([-+*#>|=]|\d+[.)]$)/.test(word);
      if (line && line.length + word.length > 88 && safe) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
    return out.join('\n');
  };
  const paragraph = () => wrap(Array.from({ length: int(3, 6) }, sentence).join(' '));
  const heading = (level) =>
    `${'#'.repeat(level)} ${pick([
      () => `What happened during ${eventRef(m.main)}?`,
      () => `${pick(m.events)?.name ?? 'The visit'}: ${pick(['context', 'what was agreed', 'the record', 'assessment'])}`,
      () => `The documents signed on ${when(m.main)}`,
      () => `Consequences for ${pick(['NATO', 'the EU', 'Ukraine', 'Poland', 'the West'])}`,
      () => `Who met ${name(m.people[0])}`,
    ])()}`;
  const list = () => {
    const ordered = chance(0.3);
    return Array.from(
      { length: int(3, 6) },
      (_, i) => `${ordered ? `${i + 1}.` : '-'} ${chance(0.4) ? `**${when(pick(m.events))}**: ` : ''}${sentence()}`,
    ).join('\n');
  };
  const quote = () => {
    const e = pick(m.events);
    return `> "${pick(['There are no closed topics', 'Our cooperation is directed against no third party', 'We fully support these proposals', 'This is a new stage of our relations'])}," ${name(pick(participants(e)) ?? person())} said on ${when(e)}.\n>\n> ${sentence()}`;
  };
  const table = () => {
    const rows = Array.from({ length: int(3, 6) }, () => {
      const e = pick(m.events);
      const d = pick(m.documents);
      return `| ${when(e)} | ${e?.name ?? 'visit'} | ${
        participants(e)
          .map((p) => name(p))
          .join(', ') || name(person())
      } | ${d ? d.title : '\u2014'} |`;
    });
    return ['| Date | Event | Participants | Documents |', '| --- | --- | --- | --- |', ...rows].join('\n');
  };
  const code = () => {
    const e = pick(m.events);
    return [
      '```yaml',
      `event: ${e?.id ?? 'visit'}`,
      `start: ${e?.start ?? ''}`,
      `note: ${name(m.people[0])} met ${name(person())} on 3 March`,
      '```',
    ].join('\n');
  };

  const out = [];
  let words = 0;
  const push = (block) => {
    out.push(block);
    words += countWords(block);
  };
  push(`# ${m.facts.title || 'Draft'}: ${pick(['an assessment', 'what was agreed', 'a briefing'])}`);
  push(`*Draft for review, ${when(m.main, true)}.*`);
  const flush = () => {
    if (notes.length) {
      push(notes.join('\n'));
      notes.length = 0;
    }
  };
  // A section: a heading, paragraphs, and now and then a list, a quote, a table, code, a subsection; footnotes at its end.
  const section = function* () {
    yield heading(2);
    for (let i = int(2, 4); i > 0; i--) yield paragraph();
    if (chance(0.5)) yield list();
    if (chance(0.3)) yield quote();
    if (chance(0.25)) yield table();
    if (chance(0.15)) yield code();
    if (chance(0.3)) {
      yield heading(3);
      yield paragraph();
    }
  };
  while (words < targetWords) {
    for (const block of section()) {
      push(block);
      if (words >= targetWords) break;
    }
    flush();
  }
  const text = `${out.join('\n\n')}\n`;
  return { text, words: countWords(text) };
}
