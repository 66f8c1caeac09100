//! The sample project `projects/sample.ron`: the five seed articles with a hand-made annotation.
//!
//! The annotation lives here, in code, as (label, exact surface text, occurrence) triples, never
//! as raw offsets: the occurrence is the index of the wanted match among all exact matches of the
//! surface text in the document (overlapping matches counted), and the code point offsets are
//! computed by searching the text. Write surface texts exactly as the seed has them, including
//! no-break spaces (`\u{a0}`).
//!
//! - `ACTA_WRITE_SAMPLE=1 cargo test --test sample_project` regenerates `projects/sample.ron`.
//! - `cargo test --test sample_project` checks that the committed file is what the generator
//!   makes now (when the seeds in `../shared/seeds` are present) and that it is sound.

use acta::formats::project::{parse, save_file, to_ron};
use acta::model::{DocMeta, Document, Edit, Project, Schema, Span};
use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type TestResult = Result<(), Box<dyn Error>>;

const PROJECT_NAME: &str = "Sample: five news articles";
const ANNOTATOR: &str = "sample";
const SAMPLE_PATH: &str = "projects/sample.ron";
const WRITE_VAR: &str = "ACTA_WRITE_SAMPLE";

const ACTOR: &str = "Actor";
const DATE: &str = "Date";
const EVENT: &str = "Event";

/// Every document has at least this many spans of every label, and this many spans in all.
const MIN_PER_LABEL: usize = 3;
const MIN_PER_DOCUMENT: usize = 15;

/// (label, exact surface text, occurrence index among the exact matches in the document)
type Ann = (&'static str, &'static str, usize);

struct Seed {
    id: &'static str,
    title: &'static str,
    lang: &'static str,
    source: &'static str,
    dateline: Option<&'static str>,
    anns: &'static [Ann],
}

const SEEDS: &[Seed] = &[SEED_000, SEED_001, SEED_002, SEED_003, SEED_004];

const SEED_000: Seed = Seed {
    id: "000_bc959d59d1dd924d",
    title: "Порядка 10 государств готовы установить отношения с ЛНР – Дейнего",
    lang: "ru",
    source: "000_bc959d59d1dd924d.txt",
    dateline: None,
    anns: &[
        // Порядка 10 государств проявляют интерес ... Об этом ... ТАСС заявил министр ...
        (ACTOR, "Порядка 10 государств", 1),
        (EVENT, "проявляют интерес", 0),
        (ACTOR, "Луганской Народной Республикой", 0),
        (ACTOR, "российскому информационному агентству ТАСС", 0),
        (EVENT, "заявил", 0),
        (ACTOR, "министр иностранных дел ЛНР Владислав Дейнего", 0),
        (ACTOR, "ЛНР", 1),
        // "Работа в этом направлении ...", - сказал он.
        (EVENT, "сказал", 0),
        // Дейнего напомнил, что Южная Осетия и Абхазия первыми признали ЛНР.
        (ACTOR, "Дейнего", 2),
        (EVENT, "напомнил", 0),
        (ACTOR, "Южная Осетия", 0),
        (ACTOR, "Абхазия", 0),
        (EVENT, "признали", 0),
        (ACTOR, "ЛНР", 2),
        // Президент России Владимир Путин 21 февраля 2022 года признал суверенитет ЛНР и ДНР.
        (ACTOR, "Президент России Владимир Путин", 0),
        (ACTOR, "России", 0),
        (DATE, "21 февраля 2022 года", 0),
        (EVENT, "признал суверенитет", 0),
        (ACTOR, "ЛНР", 3),
        (ACTOR, "ДНР", 0),
        // В это же день Путин и глава ЛНР Леонид Пасечник подписали договор ...
        (DATE, "В это же день", 0),
        (ACTOR, "Путин", 1),
        (ACTOR, "глава Луганской Народной Республики Леонид Пасечник", 0),
        (EVENT, "подписали", 0),
        // Россия с 22 февраля установила дипломатические отношения с ЛНР и ДНР ...
        (ACTOR, "Россия", 0),
        (DATE, "с 22 февраля", 0),
        (EVENT, "установила дипломатические отношения", 0),
        // Президент России 24 февраля объявил о проведении специальной военной операции ...
        (ACTOR, "Президент России", 1),
        (DATE, "24 февраля", 0),
        (EVENT, "объявил", 0),
        (EVENT, "специальной военной операции", 0),
        // Власти Украины начали силовую операцию против Донбасса в апреле 2014 года.
        (ACTOR, "Власти Украины", 0),
        (EVENT, "начали силовую операцию", 0),
        (DATE, "в апреле 2014 года", 0),
        // Участники Контактной группы ... с осени 2014 года более 20 раз заявляли ...
        (ACTOR, "Участники Контактной группы по урегулированию конфликта", 0),
        (DATE, "с осени 2014 года", 0),
        (EVENT, "заявляли", 0),
    ],
};

const SEED_001: Seed = Seed {
    id: "001_5fda574e052ea010",
    title: "Лавров заявил, что Россия продолжит помогать Южной Осетии в обеспечении безопасности",
    lang: "ru",
    source: "001_5fda574e052ea010.txt",
    dateline: Some("2024-10-04"),
    anns: &[
        // 04 октября 2024 г. 17:25
        (DATE, "04 октября 2024 г.", 0),
        // Россия продолжит поддерживать Южную Осетию ... Об этом 4 октября заявил ... Лавров.
        (ACTOR, "Россия", 2),
        (EVENT, "продолжит поддерживать", 0),
        (ACTOR, "Южную Осетию", 0),
        (DATE, "4 октября", 1),
        (EVENT, "заявил", 2),
        (ACTOR, "министр иностранных дел России Сергей Лавров", 0),
        (ACTOR, "России", 0),
        // «Мы продолжим оказывать содействие ...», – заявил ... Лавров, передает РИА Новости.
        (EVENT, "оказывать содействие", 0),
        (EVENT, "заявил", 3),
        (ACTOR, "министр иностранных дел России Сергей Лавров", 1),
        (EVENT, "передает", 0),
        (ACTOR, "РИА Новости", 0),
        // Глава МИД добавил, что Москва ... «решения 2008 г. пересмотру не подлежат».
        (ACTOR, "Глава МИД", 0),
        (EVENT, "добавил", 0),
        (ACTOR, "Москва", 0),
        (EVENT, "решения", 0),
        (DATE, "2008 г.", 0),
        // На встрече с министром иностранных дел Южной Осетии Асхаром Джиоевым он ... обсудил
        (EVENT, "встрече", 0),
        (ACTOR, "министром иностранных дел Южной Осетии Асхаром Джиоевым", 0),
        (EVENT, "обсудил", 0),
        // Ранее в МИД России пообещали расширить круг признавших Абхазию стран.
        (ACTOR, "МИД России", 0),
        (EVENT, "пообещали", 0),
        // В августе 2022 г. президент Абхазии Аслан Бжания сообщал, что ... присоединиться ...
        (DATE, "В августе 2022 г.", 0),
        (ACTOR, "президент Абхазии Аслан Бжания", 0),
        (EVENT, "сообщал", 0),
        (EVENT, "присоединиться", 0),
        (ACTOR, "Союзному государству России и Беларуси", 0),
        // ... президент Беларуси Александр Лукашенко также не исключал официального признания
        (ACTOR, "президент Беларуси Александр Лукашенко", 0),
        (EVENT, "признания", 0),
        (ACTOR, "Южной Осетии", 4),
        (ACTOR, "Абхазии", 2),
    ],
};

const SEED_002: Seed = Seed {
    id: "002_a69a3fb0b83d7f83",
    title: "Росія почала пропонувати США та НАТО продовжити переговори",
    lang: "uk",
    source: "002_a69a3fb0b83d7f83.txt",
    dateline: None,
    anns: &[
        // Росія, зіткнувшись із ... діями Заходу щодо підтримки України, почала пропонувати ...
        (ACTOR, "Росія", 0),
        (ACTOR, "Заходу", 0),
        (ACTOR, "України", 0),
        (EVENT, "почала пропонувати", 0),
        (ACTOR, "США", 0),
        (ACTOR, "НАТО", 0),
        (EVENT, "продовжити переговори", 0),
        // Про це свідчить заява міністра ... РФ Сергія Лаврова, ... переговорів з головою МЗС ...
        (EVENT, "заява", 0),
        (ACTOR, "міністра закордонних справ РФ Сергія Лаврова", 0),
        (ACTOR, "РФ", 0),
        (EVENT, "переговорів", 0),
        (ACTOR, "головою МЗС Польщі, чинним головою ОБСЄ Збігневом Рау", 0),
        (ACTOR, "ОБСЄ", 0),
        (EVENT, "повідомляє", 0),
        (ACTOR, "Інтерфакс-Україна", 0),
        // «Ми продовжимо наш діалог ...», - заявив Лавров.
        (EVENT, "продовжимо наш діалог", 0),
        (EVENT, "заявив", 0),
        (ACTOR, "Лавров", 1),
        // Нагадаємо, у грудні влада РФ ... висунула США і НАТО, вимагаючи ... 1997 року.
        (DATE, "у грудні", 0),
        (ACTOR, "влада РФ", 0),
        (EVENT, "висунула", 0),
        (ACTOR, "США", 1),
        (ACTOR, "НАТО", 2),
        (EVENT, "вимагаючи", 0),
        (ACTOR, "Альянсу", 0),
        (DATE, "1997 року", 0),
        // ... РФ сконцентрувала ... велике угруповання військ , погрожуючи ... війною Україні.
        (ACTOR, "РФ", 2),
        (EVENT, "сконцентрувала", 0),
        (EVENT, "погрожуючи", 0),
        (ACTOR, "Україні", 1),
        // 15 лютого Росія оголосила про відведення частини військ від кордону України ...
        (DATE, "15 лютого", 0),
        (ACTOR, "Росія", 1),
        (EVENT, "оголосила", 0),
        (EVENT, "відведення", 0),
    ],
};

const SEED_003: Seed = Seed {
    id: "003_3a29baaebd48468b",
    title: "Представительства ДНР и ЛНР открылись в Южной Осетии",
    lang: "ru",
    source: "003_3a29baaebd48468b.txt",
    dateline: Some("2015-04-28"),
    anns: &[
        // The lead. (The body repeats it verbatim, with no-break spaces, and is left
        // unannotated so the lead's first sentence is the one place these facts are marked.)
        // Южная Осетия признала независимость ДНР и ЛНР в июне 2014 года.
        (ACTOR, "Южная Осетия", 0),
        (EVENT, "признала независимость", 0),
        (ACTOR, "ДНР", 0),
        (ACTOR, "ЛНР", 0),
        (DATE, "в июне 2014 года", 0),
        // После подписания указов ... президент Южной Осетии поручил МИД установить ...
        (EVENT, "подписания указов", 0),
        (ACTOR, "президент Южной Осетии", 0),
        (EVENT, "поручил", 0),
        (ACTOR, "МИД", 0),
        // В апреле 2015 года представительства Южной Осетии были открыты на территории ЛНР и ДНР.
        (DATE, "В апреле 2015 года", 0),
        (ACTOR, "представительства Южной Осетии", 0),
        (EVENT, "были открыты", 0),
        // ЦХИНВАЛ, 28 апр — ... Представительства ... открылись во вторник ..., сообщили ...
        (DATE, "28 апр", 0),
        (
            ACTOR,
            "Представительства самопровозглашенных Донецкой и\u{a0}Луганской народных республик",
            0,
        ),
        (EVENT, "открылись", 0),
        (DATE, "во\u{a0}вторник", 0),
        (EVENT, "сообщили", 0),
        (ACTOR, "югоосетинском МИД", 0),
        // "Сегодня ... состоялась торжественная церемония открытия представительств. ..."
        (DATE, "Сегодня", 0),
        (EVENT, "церемония открытия представительств", 0),
        (EVENT, "сообщили", 1),
        (ACTOR, "пресс-службе внешнеполитического ведомства", 0),
        // Делегацию ЛНР возглавила ... Наталья Хоршева, делегацию ДНР возглавил ... Кофман.
        (ACTOR, "Делегацию ЛНР", 0),
        (EVENT, "возглавила", 0),
        (ACTOR, "руководитель администрации главы республики Наталья Хоршева", 0),
        (ACTOR, "делегацию ДНР", 0),
        (EVENT, "возглавил", 1),
        (ACTOR, "министр иностранных дел Александр Кофман", 0),
        // "Мы искренне рады ...", — заявил президент Южной Осетии Леонид Тибилов ...
        (EVENT, "заявил", 0),
        (ACTOR, "президент Южной Осетии Леонид Тибилов", 0),
        // Министр иностранных дел ДНР заявил, что о готовности сотрудничать ...
        (ACTOR, "Министр иностранных дел ДНР", 0),
        (EVENT, "заявил", 1),
        // На митингах в начале апреля 2014 года ... провозгласили создание "народных республик".
        (DATE, "в\u{a0}начале апреля 2014 года", 0),
        (EVENT, "провозгласили", 0),
        // Второго ноября в ДНР и ЛНР прошли выборы глав республик ...
        (DATE, "Второго ноября", 0),
        (EVENT, "выборы", 0),
    ],
};

const SEED_004: Seed = Seed {
    id: "004_56f99be02074e6ce",
    title: "President of South Ossetia held a meeting with the Foreign Minister of the LPR",
    lang: "en",
    source: "004_56f99be02074e6ce.txt",
    dateline: Some("2022-05-25"),
    anns: &[
        // President of South Ossetia held a meeting with the Foreign Minister of the LPR
        (ACTOR, "President of South Ossetia", 0),
        (EVENT, "held a meeting", 0),
        (ACTOR, "Foreign Minister of the LPR", 0),
        // Wed, 25/05/2022 - 21:37
        (DATE, "25/05/2022", 0),
        // President of South Ossetia Alan Gagloev has met on Wednesday with Minister ... Deinego,
        // who arrived in Tskhinval to attend the inauguration ceremony ...
        (ACTOR, "President of South Ossetia Alan Gagloev", 0),
        (ACTOR, "South Ossetia", 1),
        (EVENT, "has met", 0),
        (DATE, "Wednesday", 0),
        (
            ACTOR,
            "Minister of Foreign Affairs of the Lugansk People's Republic Vladislav Deinego",
            0,
        ),
        (ACTOR, "Lugansk People's Republic", 0),
        (EVENT, "arrived", 0),
        (EVENT, "inauguration ceremony", 0),
        // The meeting was also attended by Acting Minister ... Dmitry Medoev.
        (EVENT, "attended", 0),
        (
            ACTOR,
            "Acting Minister of Foreign Affairs of the Republic of South Ossetia Dmitry Medoev",
            0,
        ),
        // ... Alan Gagloev conveyed the words of sincere gratitude to the head of the LPR, ...
        (ACTOR, "Alan Gagloev", 1),
        (EVENT, "conveyed the words of sincere gratitude", 0),
        (ACTOR, "the head of the LPR, Leonid Pasechnik", 0),
        (EVENT, "stressed", 0),
        (ACTOR, "South Ossetia", 3),
        // “Republic of South Ossetia is the first country to recognize the independence ...
        (ACTOR, "Republic of South Ossetia", 1),
        (EVENT, "recognize the independence", 0),
        (ACTOR, "Lugansk and Donetsk People's Republics", 1),
        // The President has stressed that today the Russian Federation is doing everything ...
        (ACTOR, "The President", 0),
        (EVENT, "stressed", 1),
        (DATE, "today", 1),
        (ACTOR, "the Russian Federation", 0),
        // For his part, Vladislav Deinego congratulated Alan Gagloev on taking office ...
        (ACTOR, "Vladislav Deinego", 1),
        (EVENT, "congratulated", 0),
        (ACTOR, "Alan Gagloev", 2),
        (EVENT, "taking office", 0),
        // Vladislav Deinego has also noted that South Ossetia recognized the independence ...
        (ACTOR, "Vladislav Deinego", 2),
        (EVENT, "noted", 0),
        (ACTOR, "South Ossetia", 7),
        (EVENT, "recognized the independence", 0),
        (ACTOR, "Luhansk and Donetsk People's Republics", 0),
    ],
};

// --- the generator -------------------------------------------------------------------------------

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_path() -> PathBuf {
    manifest_dir().join(SAMPLE_PATH)
}

/// The seed folder, when it is present.
fn seeds_dir() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// A seed's text, byte for byte.
fn read_seed(seeds: &Path, seed: &Seed) -> Result<String, Box<dyn Error>> {
    let path = seeds.join(seed.source);
    let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(String::from_utf8(bytes).map_err(|e| format!("{} is not UTF-8: {e}", path.display()))?)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Code point range of the `occurrence`th exact match (overlapping matches counted) of
/// `surface` in the document. A match that starts or ends inside a word is refused, so a
/// wrong occurrence index cannot quietly land on "признал" inside "признали".
fn locate(doc: &Document, surface: &str, occurrence: usize) -> Result<(usize, usize), String> {
    let id = &doc.meta.id;
    if surface.is_empty() {
        return Err(format!("document `{id}`: an empty surface text cannot be located"));
    }
    let text = doc.text();
    let matches: Vec<usize> =
        text.char_indices().map(|(b, _)| b).filter(|&b| text[b..].starts_with(surface)).collect();
    let Some(&byte) = matches.get(occurrence) else {
        return Err(format!(
            "document `{id}`: occurrence {occurrence} of {surface:?} not found \
             ({} exact match(es) in the text)",
            matches.len()
        ));
    };
    let end_byte = byte + surface.len();
    let before = text[..byte].chars().next_back();
    let after = text[end_byte..].chars().next();
    let first = surface.chars().next();
    let last = surface.chars().next_back();
    let cuts_start = before.is_some_and(is_word_char) && first.is_some_and(is_word_char);
    let cuts_end = after.is_some_and(is_word_char) && last.is_some_and(is_word_char);
    if cuts_start || cuts_end {
        return Err(format!(
            "document `{id}`: occurrence {occurrence} of {surface:?} is part of a longer word"
        ));
    }
    Ok((doc.cp_of(byte), doc.cp_of(end_byte)))
}

/// The sample project, built through the library from the seeds and the definitions above.
/// Documents in `SEEDS` order, spans in list order, so ids are stable.
fn build_sample(seeds: &Path) -> Result<Project, Box<dyn Error>> {
    let mut project = Project::new(PROJECT_NAME);
    for seed in SEEDS {
        let meta = DocMeta {
            id: seed.id.into(),
            title: seed.title.into(),
            lang: seed.lang.into(),
            source: seed.source.into(),
            dateline: seed.dateline.map(String::from),
            ..Default::default()
        };
        let text = read_seed(seeds, seed)?;
        if project.doc_index(seed.id).is_some() {
            return Err(format!("document id `{}` is defined twice", seed.id).into());
        }
        project.documents.push(Arc::new(Document::new(meta, text)));
        let index = project.documents.len() - 1;
        let mut seen = BTreeMap::new();
        for &(label, surface, occurrence) in seed.anns {
            let doc = project.doc(index).ok_or("the document just added is missing")?;
            let (start, end) = locate(doc, surface, occurrence)?;
            if let Some(prev) = seen.insert((start, end, label), (surface, occurrence)) {
                return Err(format!(
                    "document `{}`: {label} {surface:?} #{occurrence} is listed twice \
                     (also as {prev:?})",
                    seed.id
                )
                .into());
            }
            let span = Span::new(doc.next_id(), start, end, label, ANNOTATOR);
            Edit::AddSpan { doc: index, span }
                .apply(&mut project)
                .map_err(|e| format!("document `{}`: cannot add {surface:?}: {e}", seed.id))?;
        }
    }
    Ok(project)
}

// --- the checks ----------------------------------------------------------------------------------

fn first_difference(a: &str, b: &str) -> String {
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y);
    match line {
        Some(i) => format!(
            "first difference at line {}:\n  committed: {}\n  generated: {}",
            i + 1,
            a.lines().nth(i).unwrap_or_default(),
            b.lines().nth(i).unwrap_or_default()
        ),
        None => format!("lengths differ: {} vs {} bytes", a.len(), b.len()),
    }
}

/// Everything the committed file must satisfy, with or without the seeds.
fn check_sample(text: &str, seeds: Option<&Path>) -> TestResult {
    let loaded = parse(SAMPLE_PATH, text)?;
    if !loaded.warnings.is_empty() {
        let list: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
        return Err(format!("{SAMPLE_PATH} opens with warnings:\n{}", list.join("\n")).into());
    }
    let project = loaded.project;
    assert_eq!(project.name, PROJECT_NAME);
    assert_eq!(project.schema, Schema::default());
    // Saved in canonical form: loading and saving again changes no byte.
    assert!(to_ron(&project)? == text, "{SAMPLE_PATH} is not in the form Acta writes");

    let ids: Vec<&str> = project.documents.iter().map(|d| d.meta.id.as_str()).collect();
    let expected: Vec<&str> = SEEDS.iter().map(|s| s.id).collect();
    assert_eq!(ids, expected);

    let mut nested = Vec::new();
    for (doc, seed) in project.documents.iter().zip(SEEDS) {
        let id = seed.id;
        assert_eq!(doc.meta.title, seed.title, "title of `{id}`");
        assert_eq!(doc.meta.lang, seed.lang, "language of `{id}`");
        assert_eq!(doc.meta.source, seed.source, "source of `{id}`");
        assert_eq!(doc.meta.dateline.as_deref(), seed.dateline, "dateline of `{id}`");
        if let Some(seeds) = seeds {
            let seed_text = read_seed(seeds, seed)?;
            assert!(doc.text().as_bytes() == seed_text.as_bytes(), "text of `{id}` != its seed");
        }

        let mut per_label = BTreeMap::<&str, usize>::new();
        for span in doc.spans() {
            assert_eq!(doc.slice(span.start, span.end), span.text, "`{id}` span {}", span.id);
            assert_eq!(span.annotator, ANNOTATOR, "`{id}` span {}", span.id);
            *per_label.entry(span.label.as_str()).or_default() += 1;
        }
        for label in [ACTOR, DATE, EVENT] {
            let n = per_label.get(label).copied().unwrap_or(0);
            assert!(n >= MIN_PER_LABEL, "`{id}` has {n} {label} span(s), want {MIN_PER_LABEL}+");
        }
        assert!(doc.span_count() >= MIN_PER_DOCUMENT, "`{id}` has {} spans", doc.span_count());

        let actors: Vec<&Span> = doc.spans_by_position().filter(|s| s.label == ACTOR).collect();
        for outer in &actors {
            for inner in doc.spans_overlapping(outer.start..outer.end) {
                let inside = outer.start <= inner.start && inner.end <= outer.end;
                let same = (outer.start, outer.end) == (inner.start, inner.end);
                if inner.label == ACTOR && inside && !same {
                    nested.push((id, outer.text.clone(), inner.text.clone()));
                }
            }
        }
    }
    assert!(!nested.is_empty(), "no Actor is nested inside another Actor");
    let pair = (
        SEED_000.id,
        "министр иностранных дел ЛНР Владислав Дейнего".to_string(),
        "ЛНР".to_string(),
    );
    assert!(nested.contains(&pair), "missing the nested pair {pair:?}; found {nested:?}");

    // Seed 003: the first sentence holds the spans a later event is built from.
    let doc = &project.documents[3];
    let first_sentence = doc.text().find(". ").map(|b| doc.cp_of(b)).ok_or("003: no sentence")?;
    for (label, want) in [
        (ACTOR, "Южная Осетия"),
        (EVENT, "признала независимость"),
        (ACTOR, "ДНР"),
        (ACTOR, "ЛНР"),
        (DATE, "в июне 2014 года"),
    ] {
        let found =
            doc.spans().any(|s| s.label == label && s.text == want && s.end <= first_sentence);
        assert!(found, "`{}`: no {label} {want:?} in the first sentence", doc.meta.id);
    }

    // Seed 004: the Gagloev–Deinego meeting.
    let doc = &project.documents[4];
    for (label, want) in [
        (ACTOR, "President of South Ossetia Alan Gagloev"),
        (EVENT, "has met"),
        (DATE, "Wednesday"),
        (ACTOR, "Minister of Foreign Affairs of the Lugansk People's Republic Vladislav Deinego"),
    ] {
        let found = doc.spans().any(|s| s.label == label && s.text == want);
        assert!(found, "`{}`: no {label} {want:?}", doc.meta.id);
    }
    Ok(())
}

// --- the tests -----------------------------------------------------------------------------------

/// With `ACTA_WRITE_SAMPLE=1`, writes `projects/sample.ron`; otherwise checks that the committed
/// file is byte-identical to what the generator makes now.
#[test]
fn sample_file_matches_the_generator() -> TestResult {
    let Some(seeds) = seeds_dir() else {
        eprintln!(
            "note: the seeds (../shared/seeds) are missing: {SAMPLE_PATH} is not compared with \
             the generator, only checked on its own"
        );
        return Ok(());
    };
    let project = build_sample(&seeds)?;
    let generated = to_ron(&project)?;
    let path = sample_path();
    if write_mode() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        save_file(&project, &path)?;
        eprintln!("wrote {} ({} spans)", path.display(), project.span_count());
        check_sample(&std::fs::read_to_string(&path)?, Some(&seeds))?;
        return Ok(());
    }
    let committed = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e} (run with {WRITE_VAR}=1)", path.display()))?;
    if committed != generated {
        return Err(format!(
            "{SAMPLE_PATH} is out of date; regenerate it with \
             `{WRITE_VAR}=1 cargo test --test sample_project`\n{}",
            first_difference(&committed, &generated)
        )
        .into());
    }
    Ok(())
}

fn write_mode() -> bool {
    std::env::var(WRITE_VAR).is_ok_and(|v| v == "1")
}

#[test]
fn committed_sample_is_sound() -> TestResult {
    if write_mode() {
        // The writer checks the file it wrote; reading it here would race with the write.
        eprintln!("note: {WRITE_VAR}=1: the new file is checked by the test that writes it");
        return Ok(());
    }
    let path = sample_path();
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e} (run with {WRITE_VAR}=1)", path.display()))?;
    check_sample(&text, seeds_dir().as_deref())
}

#[test]
fn generator_refuses_a_missing_or_partial_match() -> TestResult {
    let meta = DocMeta { id: "d0".into(), ..Default::default() };
    let doc = Document::new(meta, "Дейнего напомнил, что ЛНР признали.\u{a0}ЛНР");
    let missing = locate(&doc, "ДНР", 0).err().unwrap_or_default();
    assert!(missing.contains("`d0`") && missing.contains("\"ДНР\""), "{missing}");
    let too_far = locate(&doc, "ЛНР", 2).err().unwrap_or_default();
    assert!(too_far.contains("2 exact match(es)"), "{too_far}");
    let partial = locate(&doc, "признал", 0).err().unwrap_or_default();
    assert!(partial.contains("longer word"), "{partial}");
    assert_eq!(locate(&doc, "ЛНР", 1)?, (36, 39));
    assert_eq!(locate(&doc, "признали.\u{a0}ЛНР", 0)?, (26, 39));
    Ok(())
}
