//! Spans on tokens, shared by the token formats: a span must start and end on word tokens
//! (else it is reported with the nearest span that would), the overlap policy picks what a
//! one-tag-per-token format keeps, and sentences are joined where a kept span crosses them.

use super::{Token, is_space, rules_lang, sentences, tokenize};
use crate::formats::export::{DocView, ExportError, ExportReport, Overlap};
use crate::model::Span;
use std::collections::BTreeMap;
use std::ops::Range;

/// A span on tokens: `first..=last` index `TokenDoc::tokens` (inclusive, like spaCy's
/// `token_end`), and neither is a whitespace token.
#[derive(Clone, Copy, Debug)]
pub struct Placed<'a> {
    pub span: &'a Span,
    pub first: usize,
    pub last: usize,
}

/// One document ready for a token format.
pub struct TokenDoc<'a> {
    /// The spaCy language whose rules made the tokens (`ru`, `uk`, `en` or `xx`).
    pub lang: &'static str,
    pub tokens: Vec<Token>,
    /// Ranges of token indices, in order, covering every token; no kept span crosses one.
    pub sentences: Vec<Range<usize>>,
    /// The spans kept, in reading order.
    pub spans: Vec<Placed<'a>>,
}

fn describe(text: &str, tokens: &[Token], first: usize, last: usize) -> String {
    let (a, b) = (&tokens[first], &tokens[last]);
    format!("[{},{}) «{}»", a.start, b.end, &text[a.byte_start..b.byte_end])
}

/// Where `span` sits on `tokens`, or the reason it cannot, naming the nearest span that could.
fn place<'a>(span: &'a Span, text: &str, tokens: &[Token]) -> Result<Placed<'a>, String> {
    match locate(span, tokens) {
        Ok((first, last)) => Ok(Placed { span, first, last }),
        Err(Some((f, l))) => Err(format!(
            "does not fall on token boundaries; nearest aligned: {}",
            describe(text, tokens, f, l)
        )),
        Err(None) => Err("covers only whitespace, which token formats leave out".to_string()),
    }
}

/// The first and last word tokens of `span`; if it is off their boundaries, the nearest ones
/// that are (`Err(None)` when it covers only whitespace).
fn locate(span: &Span, tokens: &[Token]) -> Result<(usize, usize), Option<(usize, usize)>> {
    let word = |i: &usize| !tokens[*i].space;
    // Tokens are sorted and disjoint: binary search by position.
    let from = tokens.partition_point(|t| t.end <= span.start);
    let to = tokens.partition_point(|t| t.start < span.end);
    let first = (from..to).find(word);
    let last = (from..to).rev().find(word);
    match (first, last) {
        (Some(f), Some(l)) if tokens[f].start == span.start && tokens[l].end == span.end => {
            Ok((f, l))
        }
        (Some(f), Some(l)) => Err(Some((f, l))),
        _ => Err(None),
    }
}

fn overlaps(a: &Span, b: &Span) -> bool {
    a.start < b.end && b.start < a.end
}

fn show(text: &str, tokens: &[Token], p: &Placed) -> String {
    format!("{} {} {}", p.span.id, p.span.label, describe(text, tokens, p.first, p.last))
}

/// Keeps a non-overlapping set: longest first for `Outer`, shortest first for `Inner`; reports
/// the rest, naming the span each one lost to.
fn choose<'a>(
    view: &DocView,
    doc: &TokenDoc,
    policy: Overlap,
    spans: Vec<Placed<'a>>,
    report: &mut ExportReport,
) -> Vec<Placed<'a>> {
    let keep = resolve(&spans, policy, |k, s| {
        let what = if policy == Overlap::Inner { "inner" } else { "outer" };
        let winner = show(view.text(), &doc.tokens, &spans[k]);
        let reason = format!("overlaps {winner}, kept instead (--overlap {what})");
        report.skip(view.id(), s.id, reason);
    });
    spans.into_iter().zip(keep).filter_map(|(p, k)| k.then_some(p)).collect()
}

/// Which of `spans` the policy keeps; `lost(winner, span)` is called for each one it does not,
/// in the order they are decided.
fn resolve(spans: &[Placed], policy: Overlap, mut lost: impl FnMut(usize, &Span)) -> Vec<bool> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    let len = |i: &usize| spans[*i].span.end - spans[*i].span.start;
    match policy {
        Overlap::Inner => order.sort_by_key(|i| (len(i), *i)),
        _ => order.sort_by_key(|i| (std::cmp::Reverse(len(i)), *i)),
    }
    let mut kept: BTreeMap<usize, usize> = BTreeMap::new(); // start → index into spans
    let mut keep = vec![false; spans.len()];
    for i in order {
        let s = spans[i].span;
        let clash = kept.range(..s.end).next_back().map(|(_, &k)| k);
        match clash.filter(|&k| overlaps(spans[k].span, s)) {
            Some(k) => lost(k, s),
            None => {
                kept.insert(s.start, i);
                keep[i] = true;
            }
        }
    }
    keep
}

/// The spans of `view` a one-tag-per-token format keeps on `tokens` under `policy` (`Error`
/// keeps every overlap), in reading order: what `prepare_with` puts in `TokenDoc::spans`,
/// without sentences and without the reasons for what is left out (agreement needs neither).
pub fn kept<'a>(view: &DocView<'a>, tokens: &[Token], policy: Overlap) -> Vec<Placed<'a>> {
    let placed: Vec<Placed<'a>> = view
        .spans
        .iter()
        .filter_map(|&span| {
            locate(span, tokens).ok().map(|(first, last)| Placed { span, first, last })
        })
        .collect();
    if policy == Overlap::Error {
        return placed;
    }
    let keep = resolve(&placed, policy, |_, _| {});
    placed.into_iter().zip(keep).filter_map(|(p, k)| k.then_some(p)).collect()
}

/// Every span that overlaps another, with one it overlaps, for `--overlap error`.
fn clashes(view: &DocView, doc: &TokenDoc, spans: &[Placed], out: &mut Vec<String>) {
    let mut partner: Vec<Option<usize>> = vec![None; spans.len()];
    let mut reach: Option<usize> = None; // the span reaching furthest so far (reading order)
    for i in 0..spans.len() {
        if let Some(r) = reach
            && overlaps(spans[r].span, spans[i].span)
        {
            partner[i] = Some(r);
            partner[r].get_or_insert(i);
        }
        if reach.is_none_or(|r| spans[i].span.end > spans[r].span.end) {
            reach = Some(i);
        }
    }
    for (i, p) in partner.iter().enumerate() {
        if let Some(p) = p {
            out.push(format!(
                "document `{}`: span {} overlaps span {}",
                view.id(),
                show(view.text(), &doc.tokens, &spans[i]),
                show(view.text(), &doc.tokens, &spans[*p]),
            ));
        }
    }
}

/// Tokens, sentences and the spans a token format can hold. Spans off token boundaries are
/// reported; with an `overlap` policy, overlapping spans are resolved by it (`Error` keeps them
/// and lists each in `clashes`, for the exporter to refuse the export); with `None` all stay.
pub fn prepare<'a>(
    view: &DocView<'a>,
    overlap: Option<Overlap>,
    report: &mut ExportReport,
    clashes_out: &mut Vec<String>,
) -> TokenDoc<'a> {
    let tokens = tokenize(view.text(), rules_lang(&view.doc.meta.lang));
    prepare_with(view, tokens, overlap, report, clashes_out)
}

/// `prepare` on tokens already made for this document's text (agreement compares several
/// layers of one text and tokenizes it once).
pub fn prepare_with<'a>(
    view: &DocView<'a>,
    tokens: Vec<Token>,
    overlap: Option<Overlap>,
    report: &mut ExportReport,
    clashes_out: &mut Vec<String>,
) -> TokenDoc<'a> {
    let text = view.text();
    let lang = rules_lang(&view.doc.meta.lang);
    let mut doc = TokenDoc { lang, sentences: Vec::new(), spans: Vec::new(), tokens };
    let mut placed = Vec::with_capacity(view.spans.len());
    for span in &view.spans {
        match place(span, text, &doc.tokens) {
            Ok(p) => placed.push(p),
            Err(reason) => report.skip(view.id(), span.id, reason),
        }
    }
    doc.spans = match overlap {
        Some(Overlap::Error) => {
            clashes(view, &doc, &placed, clashes_out);
            placed
        }
        Some(policy) => choose(view, &doc, policy, placed, report),
        None => placed,
    };
    doc.sentences = joined(sentences(text, &doc.tokens), &doc.spans, doc.tokens.len());
    doc
}

/// Sentences with the boundaries inside kept spans removed: a span the sentence splitter cut
/// (an abbreviation's full stop, a title across a line break) keeps its tags in one sentence.
fn joined(sentences: Vec<Range<usize>>, spans: &[Placed], n: usize) -> Vec<Range<usize>> {
    let mut inside = vec![0i32; n + 1];
    for p in spans {
        inside[p.first + 1] += 1;
        inside[p.last + 1] -= 1;
    }
    let mut depth = 0;
    let crossed: Vec<bool> = inside[..n]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    for s in sentences {
        match out.last_mut() {
            Some(prev) if crossed[s.start] => prev.end = s.end,
            _ => out.push(s),
        }
    }
    out
}

/// One tag per token: `(prefix, label)` or `None` for `O`. IOB2: `B` then `I`.
pub fn iob2<'a>(doc: &TokenDoc<'a>) -> Vec<Option<(char, &'a str)>> {
    let mut tags = vec![None; doc.tokens.len()];
    for p in &doc.spans {
        tags[p.first] = Some(('B', p.span.label.as_str()));
        for t in &mut tags[p.first + 1..=p.last] {
            *t = Some(('I', p.span.label.as_str()));
        }
    }
    tags
}

/// BILUO (spaCy's scheme): `U` for one token, else `B`, `I`..., `L`.
pub fn biluo<'a>(doc: &TokenDoc<'a>) -> Vec<Option<(char, &'a str)>> {
    let mut tags = iob2(doc);
    for p in &doc.spans {
        let label = p.span.label.as_str();
        if p.first == p.last {
            tags[p.first] = Some(('U', label));
        } else {
            tags[p.last] = Some(('L', label));
        }
    }
    tags
}

/// A word of the column formats (CoNLL, Hugging Face): a whitespace-free part of a token, with
/// its tag. Whitespace tokens have none; a multi-word exception (`до н.э.`) has several, the
/// later ones continuing the first one's entity (`B` becomes `I`).
pub struct Word<'t, 'a> {
    pub text: &'t str,
    pub tag: Option<(char, &'a str)>,
}

/// False when `s` certainly holds no whitespace (`is_space`): every such character is ASCII
/// below `!` or starts with one of four UTF-8 lead bytes (U+0085 and U+00A0, U+1680, U+2000 to
/// U+205F, U+3000), so most words are answered by a look at their bytes.
fn may_hold_space(s: &str) -> bool {
    // Without early exit or branches: words are short, and a branch per byte costs more.
    let suspect = |b: u8| (b < b'!') | (b == 0xc2) | (b.wrapping_sub(0xe1) < 3);
    s.is_empty() || s.bytes().fold(false, |any, b| any | suspect(b))
}

/// The words of one sentence, tagged from per-token IOB2 `tags`.
pub fn words<'t, 'a>(
    doc: &TokenDoc<'a>,
    text: &'t str,
    sentence: Range<usize>,
    tags: &[Option<(char, &'a str)>],
) -> Vec<Word<'t, 'a>> {
    let mut out = Vec::with_capacity(sentence.len());
    for i in sentence {
        let t = &doc.tokens[i];
        let whole = t.text(text);
        if !may_hold_space(whole) {
            out.push(Word { text: whole, tag: tags[i] });
            continue;
        }
        let parts = t.text(text).split(is_space).filter(|w| !w.is_empty());
        for (n, part) in parts.enumerate() {
            let tag = match tags[i] {
                Some(('B', label)) if n > 0 => Some(('I', label)),
                tag => tag,
            };
            out.push(Word { text: part, tag });
        }
    }
    out
}

/// Reports every event of the document as left out: `format` holds spans only. Trigger spans
/// stay, as spans.
pub fn events_left_out(view: &DocView, format: &str, report: &mut ExportReport) {
    for event in &view.events {
        report.skip(view.id(), event.id, format!("events cannot be held by {format}"));
    }
}

/// What the word-per-line walk hands out: a document starts, or one of its sentences.
pub enum Walked<'w, 't, 'a> {
    Document,
    /// The sentence's number in its document (empty sentences are skipped) and its words.
    Sentence(&'w DocView<'t>, usize, &'w [Word<'t, 'a>]),
}

/// The word-per-line formats' walk (CoNLL, HF): each document, then its IOB2-tagged sentences,
/// with spans placed by the overlap policy and events reported as left out. Counts documents
/// and spans, and answers progress and cancel.
pub fn for_each_tagged_sentence(
    job: &crate::formats::export::ExportJob,
    format: &str,
    report: &mut ExportReport,
    clashes: &mut Vec<String>,
    mut each: impl FnMut(Walked) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for view in &job.docs {
        let doc = prepare(view, Some(job.options.overlap), report, clashes);
        events_left_out(view, format, report);
        let tags = iob2(&doc);
        each(Walked::Document)?;
        let mut n = 0;
        for sentence in &doc.sentences {
            let words = words(&doc, view.text(), sentence.clone(), &tags);
            if !words.is_empty() {
                each(Walked::Sentence(view, n, &words))?;
                n += 1;
            }
        }
        report.documents += 1;
        report.spans += doc.spans.len();
        job.step_io(view)?;
    }
    Ok(())
}

/// The note for formats that write labels only: how many span attribute values and notes
/// stay behind (they are parts of spans that are written, so not "left out" annotations).
pub fn labels_only_note(format: &str, views: &[DocView]) -> Option<String> {
    let spans = views.iter().flat_map(|v| v.spans.iter());
    let (attributes, notes) =
        spans.fold((0, 0), |(a, n), s| (a + s.attributes.len(), n + usize::from(s.note.is_some())));
    (attributes + notes > 0).then(|| {
        format!("{format} holds labels only: {attributes} attribute value(s) and {notes} note(s) on spans are not written")
    })
}

/// `--overlap error`: the export fails, naming every overlapping span.
pub fn refuse_overlaps(clashes: Vec<String>) -> Result<(), ExportError> {
    if clashes.is_empty() {
        return Ok(());
    }
    Err(ExportError::Unsupported(format!(
        "{} overlapping span(s) cannot get one tag per token (--overlap error); nothing \
         written:\n  {}",
        clashes.len(),
        clashes.join("\n  ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnId, DocMeta, Document};

    fn document(text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let meta = DocMeta { id: "d".into(), lang: "ru".into(), ..Default::default() };
        let spans = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e, l))| Span::new(AnnId(i as u64 + 1), s, e, l, "a"))
            .collect();
        Document::from_annotations(meta, text, spans, Vec::new())
            .unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn view(doc: &Document) -> DocView<'_> {
        DocView { doc, spans: doc.spans_by_position().collect(), events: Vec::new() }
    }

    fn run(
        doc: &Document,
        overlap: Option<Overlap>,
    ) -> (Vec<(u64, usize, usize)>, ExportReport, Vec<String>) {
        let (mut report, mut clashes) = (ExportReport::default(), Vec::new());
        let v = view(doc);
        let placed = prepare(&v, overlap, &mut report, &mut clashes);
        let kept = placed.spans.iter().map(|p| (p.span.id.0, p.first, p.last)).collect();
        (kept, report, clashes)
    }

    #[test]
    fn spans_off_token_boundaries_are_reported_with_the_nearest_aligned_span() {
        let text = "Южная Осетия признала ЛНР.";
        let doc = document(
            text,
            &[(0, 12, "Actor"), (0, 3, "Actor"), (5, 6, "Actor"), (22, 26, "Actor")],
        );
        let (kept, report, _) = run(&doc, None);
        assert_eq!(kept, [(1, 0, 1), (4, 3, 4)], "`ЛНР.` is two whole tokens");
        let reasons: Vec<(u64, &str)> =
            report.skipped.iter().map(|s| (s.ann.0, s.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [
                (2, "does not fall on token boundaries; nearest aligned: [0,5) «Южная»"),
                (3, "covers only whitespace, which token formats leave out"),
            ]
        );
    }

    #[test]
    fn overlap_policies_keep_outer_or_inner_or_refuse() {
        let text = "Южная Осетия признала ЛНР";
        let spans = [(0, 12, "Actor"), (6, 12, "Actor"), (13, 21, "Event"), (11, 25, "Actor")];
        let doc = document(text, &spans[..3]);
        let (kept, report, _) = run(&doc, Some(Overlap::Outer));
        assert_eq!(kept, [(1, 0, 1), (3, 2, 2)]);
        assert_eq!(report.skipped[0].ann, AnnId(2));
        assert!(report.skipped[0].reason.starts_with("overlaps #1 Actor [0,12) «Южная Осетия»"));
        let (kept, report, _) = run(&doc, Some(Overlap::Inner));
        assert_eq!(kept, [(2, 1, 1), (3, 2, 2)]);
        assert!(report.skipped[0].reason.ends_with("kept instead (--overlap inner)"));
        let (kept, report, clashes) = run(&doc, Some(Overlap::Error));
        assert_eq!((kept.len(), report.skipped.len(), clashes.len()), (3, 0, 2));
        assert!(clashes[0].contains("span #1 Actor") && clashes[0].contains("overlaps span #2"));
        assert!(refuse_overlaps(clashes).is_err());
        let (kept, _, _) = run(&doc, None);
        assert_eq!(kept.len(), 3, "no policy: everything stays (span groups)");
        let crossing =
            document("Южная Осетия признала ЛНР", &[spans[0], spans[2], (6, 25, "Actor")]);
        let (kept, _, _) = run(&crossing, Some(Overlap::Outer));
        assert_eq!(kept, [(3, 1, 3)], "the longest wins; both crossing it go");
    }

    #[test]
    fn tags_in_iob2_and_biluo_and_words_split_at_whitespace() {
        let text = "Южная\u{a0}Осетия и ЛНР до н.э.";
        let doc = document(text, &[(0, 12, "Actor"), (15, 18, "Actor"), (19, 26, "Date")]);
        let v = view(&doc);
        let placed =
            prepare(&v, Some(Overlap::Outer), &mut ExportReport::default(), &mut Vec::new());
        let show = |tags: Vec<Option<(char, &str)>>| -> Vec<String> {
            tags.iter().map(|t| t.map_or("O".into(), |(p, l)| format!("{p}-{l}"))).collect()
        };
        let iob = iob2(&placed);
        assert_eq!(show(iob.clone()), ["B-Actor", "I-Actor", "I-Actor", "O", "B-Actor", "B-Date"]);
        assert_eq!(
            show(biluo(&placed)),
            ["B-Actor", "I-Actor", "L-Actor", "O", "U-Actor", "U-Date"]
        );
        let words = words(&placed, text, 0..placed.tokens.len(), &iob);
        let shown: Vec<String> = words
            .iter()
            .map(|w| {
                format!("{} {}", w.text, w.tag.map_or("O".into(), |(p, l)| format!("{p}-{l}")))
            })
            .collect();
        assert_eq!(
            shown,
            ["Южная B-Actor", "Осетия I-Actor", "и O", "ЛНР B-Actor", "до B-Date", "н.э. I-Date"],
            "no word holds whitespace: the NBSP token goes, `до н.э.` is split"
        );
    }

    #[test]
    fn no_whitespace_escapes_the_byte_test() {
        for c in (0..0x11_0000).filter_map(char::from_u32).filter(|&c| is_space(c)) {
            assert!(may_hold_space(c.encode_utf8(&mut [0; 4])), "{c:?}");
        }
        assert!(!may_hold_space("Южная") && !may_hold_space("н.э.") && may_hold_space(""));
    }

    #[test]
    fn a_kept_span_joins_the_sentences_it_crosses() {
        let text = "Он из г. Москвы. Да.";
        let doc = document(text, &[(6, 15, "Actor")]);
        let v = view(&doc);
        let plain = sentences(text, &tokenize(text, "ru"));
        assert_eq!(plain.len(), 3, "UAX #29 breaks after `г.`");
        let placed =
            prepare(&v, Some(Overlap::Outer), &mut ExportReport::default(), &mut Vec::new());
        assert_eq!(placed.sentences, [0..5, 5..7]);
    }
}
