//! The sample project `projects/sample.ron`: the five seed articles with a hand-made annotation.
//!
//! The annotation lives here, in code, as (label, exact surface text, occurrence, attribute)
//! tuples, never as raw offsets: the occurrence is the index of the wanted match among all exact
//! matches of the surface text in the document (overlapping matches counted), and the code point
//! offsets are computed by searching the text. Write surface texts exactly as the seed has them,
//! including no-break spaces (`\u{a0}`). Events are written the same way: (type, trigger surface
//! and occurrence, [(role, argument surface and occurrence)], polarity), and resolved to the ids of
//! the spans listed for the document. Documents 003 and 004 have no events on purpose: the GUI
//! tests build the seed-003 Recognition and a seed-004 Meeting from the keyboard.
//!
//! - `ACTA_WRITE_SAMPLE=1 cargo test --test sample_project` regenerates `projects/sample.ron`.
//! - `cargo test --test sample_project` checks that the committed file is what the generator
//!   makes now (when the seeds in `../shared/seeds` are present) and that it is sound.

use acta::formats::project::{parse, save_file, to_ron};
use acta::model::date_value::normalize;
use acta::model::{
    AnnId, Argument, AttrKind, DocMeta, DocStatus, Document, Edit, Event, Project, Schema, Span,
};
use std::collections::{BTreeMap, BTreeSet};
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
/// Every document with events has at least this many.
const MIN_EVENTS: usize = 2;

/// What a listed span carries besides its label.
#[derive(Clone, Copy, Debug)]
enum Attr {
    /// An Event span: the trigger of the events below, no attribute of its own.
    Trigger,
    /// An Actor's `kind`.
    Kind(&'static str),
    /// A Date's normalised `value`, as `date_value::normalize` writes it.
    Value(&'static str),
    /// A Date whose value the text gives no way to fix; the reason is said here.
    Undated(&'static str),
}

use Attr::{Undated, Value};

const TRIGGER: Attr = Attr::Trigger;
const PERSON: Attr = Attr::Kind("person");
const ORG: Attr = Attr::Kind("organization");
const STATE: Attr = Attr::Kind("state");
const GROUP: Attr = Attr::Kind("group");
const OTHER_KIND: Attr = Attr::Kind("other");

/// (label, exact surface text, occurrence index among the exact matches in the document, attribute)
type Ann = (&'static str, &'static str, usize, Attr);

// Event types, roles and polarities of `Schema::default()`.
const STATEMENT: &str = "Statement";
const MEETING: &str = "Meeting";
const RECOGNITION: &str = "Recognition";
const AGREEMENT: &str = "Agreement";
const SUPPORT: &str = "Support";
const MILITARY_ACTION: &str = "MilitaryAction";
const OTHER: &str = "Other";

const AGENT: &str = "Agent";
const THEME: &str = "Theme";
const TARGET: &str = "Target";
const PARTICIPANT: &str = "Participant";
const TIME: &str = "Time";
const PLACE: &str = "Place";

const POLARITY: &str = "polarity";
const ASSERTED: &str = "asserted";
const HYPOTHETICAL: &str = "hypothetical";

/// (role, exact surface text of a listed span, occurrence). A Statement's Theme may name an Event
/// span: it means the event that span triggers (the schema's `<EVENT>` target).
type Arg = (&'static str, &'static str, usize);

/// (event type, trigger surface text, trigger occurrence, arguments, polarity)
type Ev = (&'static str, &'static str, usize, &'static [Arg], &'static str);

struct Seed {
    id: &'static str,
    title: &'static str,
    lang: &'static str,
    source: &'static str,
    dateline: Option<&'static str>,
    status: DocStatus,
    anns: &'static [Ann],
    events: &'static [Ev],
}

const SEEDS: &[Seed] = &[SEED_000, SEED_001, SEED_002, SEED_003, SEED_004];

const SEED_000: Seed = Seed {
    id: "000_bc959d59d1dd924d",
    title: "Порядка 10 государств готовы установить отношения с ЛНР – Дейнего",
    lang: "ru",
    source: "000_bc959d59d1dd924d.txt",
    // No dateline: the years of the dates come from the text itself («21 февраля 2022 года»).
    dateline: None,
    status: DocStatus::Done,
    anns: &[
        // Порядка 10 государств проявляют интерес ... Об этом ... ТАСС заявил министр ...
        (ACTOR, "Порядка 10 государств", 1, STATE),
        (EVENT, "проявляют интерес", 0, TRIGGER),
        (ACTOR, "Луганской Народной Республикой", 0, STATE),
        (ACTOR, "российскому информационному агентству ТАСС", 0, ORG),
        (EVENT, "заявил", 0, TRIGGER),
        (ACTOR, "министр иностранных дел ЛНР Владислав Дейнего", 0, PERSON),
        (ACTOR, "ЛНР", 1, STATE),
        // "Работа в этом направлении ...", - сказал он.
        (EVENT, "сказал", 0, TRIGGER),
        // Дейнего напомнил, что Южная Осетия и Абхазия первыми признали ЛНР.
        (ACTOR, "Дейнего", 2, PERSON),
        (EVENT, "напомнил", 0, TRIGGER),
        (ACTOR, "Южная Осетия", 0, STATE),
        (ACTOR, "Абхазия", 0, STATE),
        (EVENT, "признали", 0, TRIGGER),
        (ACTOR, "ЛНР", 2, STATE),
        // Президент России Владимир Путин 21 февраля 2022 года признал суверенитет ЛНР и ДНР.
        (ACTOR, "Президент России Владимир Путин", 0, PERSON),
        (ACTOR, "России", 0, STATE),
        (DATE, "21 февраля 2022 года", 0, Value("2022-02-21")),
        (EVENT, "признал суверенитет", 0, TRIGGER),
        (ACTOR, "ЛНР", 3, STATE),
        (ACTOR, "ДНР", 0, STATE),
        // В это же день Путин и глава ЛНР Леонид Пасечник подписали договор ...
        // «В это же день»: the day just named, 21 February 2022.
        (DATE, "В это же день", 0, Value("2022-02-21")),
        (ACTOR, "Путин", 1, PERSON),
        (ACTOR, "глава Луганской Народной Республики Леонид Пасечник", 0, PERSON),
        (EVENT, "подписали", 0, TRIGGER),
        // Россия с 22 февраля установила дипломатические отношения с ЛНР и ДНР ...
        (ACTOR, "Россия", 0, STATE),
        // «с 22 февраля»: from that day (the value cannot say "from"); the year is 2022 as above.
        (DATE, "с 22 февраля", 0, Value("2022-02-22")),
        (EVENT, "установила дипломатические отношения", 0, TRIGGER),
        // Президент России 24 февраля объявил о проведении специальной военной операции ...
        (ACTOR, "Президент России", 1, PERSON),
        // The same February of 2022.
        (DATE, "24 февраля", 0, Value("2022-02-24")),
        (EVENT, "объявил", 0, TRIGGER),
        (EVENT, "специальной военной операции", 0, TRIGGER),
        // Власти Украины начали силовую операцию против Донбасса в апреле 2014 года.
        (ACTOR, "Власти Украины", 0, ORG),
        (EVENT, "начали силовую операцию", 0, TRIGGER),
        (DATE, "в апреле 2014 года", 0, Value("2014-04")),
        // Участники Контактной группы ... с осени 2014 года более 20 раз заявляли ...
        (ACTOR, "Участники Контактной группы по урегулированию конфликта", 0, GROUP),
        // «с осени 2014 года»: since autumn 2014 (the value cannot say "since").
        (DATE, "с осени 2014 года", 0, Value("2014-FA")),
        (EVENT, "заявляли", 0, TRIGGER),
        // Added with the events (listed last so the ids above stay as they were): arguments the
        // spans above lacked.
        // ... договор ... между Российской Федерацией и Луганской Народной Республикой.
        (ACTOR, "Российской Федерацией", 0, STATE),
        (ACTOR, "Луганской Народной Республикой", 1, STATE),
        // Россия ... установила дипломатические отношения с ЛНР и ДНР на уровне посольств (the
        // Participants of that event, see there).
        (ACTOR, "ЛНР", 4, STATE),
        (ACTOR, "ДНР", 1, STATE),
        // ... специальной военной операции в Донбассе; ... силовую операцию против Донбасса ...
        (ACTOR, "Донбассе", 0, OTHER_KIND),
        (ACTOR, "Донбасса", 1, OTHER_KIND),
    ],
    events: &[
        // Об этом ... ТАСС заявил министр иностранных дел ЛНР Владислав Дейнего. (Statement has no
        // role for the addressee, so ТАСС is not an argument.)
        (
            STATEMENT,
            "заявил",
            0,
            &[
                (AGENT, "министр иностранных дел ЛНР Владислав Дейнего", 0),
                (THEME, "проявляют интерес", 0),
            ],
            ASSERTED,
        ),
        // Порядка 10 государств проявляют интерес к развитию отношений с ... ЛНР ...
        (
            OTHER,
            "проявляют интерес",
            0,
            &[(AGENT, "Порядка 10 государств", 1), (THEME, "Луганской Народной Республикой", 0)],
            ASSERTED,
        ),
        // «...», - сказал он. «он» is not a span: the Agent is its antecedent, the minister.
        (
            STATEMENT,
            "сказал",
            0,
            &[(AGENT, "министр иностранных дел ЛНР Владислав Дейнего", 0)],
            ASSERTED,
        ),
        // Дейнего напомнил, что Южная Осетия и Абхазия первыми признали ЛНР.
        (STATEMENT, "напомнил", 0, &[(AGENT, "Дейнего", 2), (THEME, "признали", 0)], ASSERTED),
        (
            RECOGNITION,
            "признали",
            0,
            &[(AGENT, "Южная Осетия", 0), (AGENT, "Абхазия", 0), (THEME, "ЛНР", 2)],
            ASSERTED,
        ),
        // Президент России Владимир Путин 21 февраля 2022 года признал суверенитет ЛНР и ДНР.
        (
            RECOGNITION,
            "признал суверенитет",
            0,
            &[
                (AGENT, "Президент России Владимир Путин", 0),
                (THEME, "ЛНР", 3),
                (THEME, "ДНР", 0),
                (TIME, "21 февраля 2022 года", 0),
            ],
            ASSERTED,
        ),
        // В это же день Путин и глава ЛНР Леонид Пасечник подписали договор ... между Российской
        // Федерацией и Луганской Народной Республикой: the signers are the Agents, the states
        // the treaty binds the Participants.
        (
            AGREEMENT,
            "подписали",
            0,
            &[
                (AGENT, "Путин", 1),
                (AGENT, "глава Луганской Народной Республики Леонид Пасечник", 0),
                (PARTICIPANT, "Российской Федерацией", 0),
                (PARTICIPANT, "Луганской Народной Республикой", 1),
                (TIME, "В это же день", 0),
            ],
            ASSERTED,
        ),
        // Россия с 22 февраля установила дипломатические отношения с ЛНР и ДНР: the
        // counterparts are Participants.
        (
            AGREEMENT,
            "установила дипломатические отношения",
            0,
            &[
                (AGENT, "Россия", 0),
                (PARTICIPANT, "ЛНР", 4),
                (PARTICIPANT, "ДНР", 1),
                (TIME, "с 22 февраля", 0),
            ],
            ASSERTED,
        ),
        // Президент России 24 февраля объявил о проведении специальной военной операции в
        // Донбассе: the operation's Agent is the one who announces it.
        (
            STATEMENT,
            "объявил",
            0,
            &[
                (AGENT, "Президент России", 1),
                (THEME, "специальной военной операции", 0),
                (TIME, "24 февраля", 0),
            ],
            ASSERTED,
        ),
        (
            MILITARY_ACTION,
            "специальной военной операции",
            0,
            &[(AGENT, "Президент России", 1), (PLACE, "Донбассе", 0)],
            ASSERTED,
        ),
        // Власти Украины начали силовую операцию против Донбасса в апреле 2014 года.
        (
            MILITARY_ACTION,
            "начали силовую операцию",
            0,
            &[
                (AGENT, "Власти Украины", 0),
                (TARGET, "Донбасса", 1),
                (TIME, "в апреле 2014 года", 0),
            ],
            ASSERTED,
        ),
        // Участники Контактной группы ... с осени 2014 года более 20 раз заявляли о достижении
        // соглашений ... (what they announced is not annotated).
        (
            STATEMENT,
            "заявляли",
            0,
            &[
                (AGENT, "Участники Контактной группы по урегулированию конфликта", 0),
                (TIME, "с осени 2014 года", 0),
            ],
            ASSERTED,
        ),
    ],
};

const SEED_001: Seed = Seed {
    id: "001_5fda574e052ea010",
    title: "Лавров заявил, что Россия продолжит помогать Южной Осетии в обеспечении безопасности",
    lang: "ru",
    source: "001_5fda574e052ea010.txt",
    dateline: Some("2024-10-04"),
    status: DocStatus::Done,
    anns: &[
        // 04 октября 2024 г. 17:25 (the span leaves the time out, so the value does too)
        (DATE, "04 октября 2024 г.", 0, Value("2024-10-04")),
        // Россия продолжит поддерживать Южную Осетию ... Об этом 4 октября заявил ... Лавров.
        (ACTOR, "Россия", 2, STATE),
        (EVENT, "продолжит поддерживать", 0, TRIGGER),
        (ACTOR, "Южную Осетию", 0, STATE),
        (DATE, "4 октября", 1, Value("2024-10-04")),
        (EVENT, "заявил", 2, TRIGGER),
        (ACTOR, "министр иностранных дел России Сергей Лавров", 0, PERSON),
        (ACTOR, "России", 0, STATE),
        // «Мы продолжим оказывать содействие ...», – заявил ... Лавров, передает РИА Новости.
        (EVENT, "оказывать содействие", 0, TRIGGER),
        (EVENT, "заявил", 3, TRIGGER),
        (ACTOR, "министр иностранных дел России Сергей Лавров", 1, PERSON),
        (EVENT, "передает", 0, TRIGGER),
        (ACTOR, "РИА Новости", 0, ORG),
        // Глава МИД добавил, что Москва ... «решения 2008 г. пересмотру не подлежат».
        (ACTOR, "Глава МИД", 0, PERSON),
        (EVENT, "добавил", 0, TRIGGER),
        // «Москва» stands for the Russian state.
        (ACTOR, "Москва", 0, STATE),
        (EVENT, "решения", 0, TRIGGER),
        (DATE, "2008 г.", 0, Value("2008")),
        // На встрече с министром иностранных дел Южной Осетии Асхаром Джиоевым он ... обсудил
        (EVENT, "встрече", 0, TRIGGER),
        (ACTOR, "министром иностранных дел Южной Осетии Асхаром Джиоевым", 0, PERSON),
        (EVENT, "обсудил", 0, TRIGGER),
        // Ранее в МИД России пообещали расширить круг признавших Абхазию стран.
        (ACTOR, "МИД России", 0, ORG),
        (EVENT, "пообещали", 0, TRIGGER),
        // В августе 2022 г. президент Абхазии Аслан Бжания сообщал, что ... присоединиться ...
        (DATE, "В августе 2022 г.", 0, Value("2022-08")),
        (ACTOR, "президент Абхазии Аслан Бжания", 0, PERSON),
        (EVENT, "сообщал", 0, TRIGGER),
        (EVENT, "присоединиться", 0, TRIGGER),
        (ACTOR, "Союзному государству России и Беларуси", 0, ORG),
        // ... президент Беларуси Александр Лукашенко также не исключал официального признания
        (ACTOR, "президент Беларуси Александр Лукашенко", 0, PERSON),
        (EVENT, "признания", 0, TRIGGER),
        (ACTOR, "Южной Осетии", 4, STATE),
        (ACTOR, "Абхазии", 2, STATE),
        // Added with the events (listed last so the ids above stay as they were): arguments the
        // spans above lacked.
        // «Мы продолжим оказывать содействие нашим друзьям ...»: Russia and South Ossetia.
        (ACTOR, "Мы", 0, STATE),
        (ACTOR, "нашим друзьям", 0, STATE),
        // Москва видит в отношениях с регионом путь только вперёд: «регионом» is South Ossetia.
        (ACTOR, "регионом", 0, STATE),
        // ... сообщал, что республика готова присоединиться ...: «республика» is Abkhazia.
        (ACTOR, "республика", 0, STATE),
    ],
    events: &[
        // Россия продолжит поддерживать Южную Осетию в области безопасности. Об этом 4 октября
        // заявил журналистам министр иностранных дел России Сергей Лавров. A declared plan is
        // asserted; only what is offered or merely possible is hypothetical.
        (
            SUPPORT,
            "продолжит поддерживать",
            0,
            &[(AGENT, "Россия", 2), (TARGET, "Южную Осетию", 0)],
            ASSERTED,
        ),
        (
            STATEMENT,
            "заявил",
            2,
            &[
                (AGENT, "министр иностранных дел России Сергей Лавров", 0),
                (THEME, "продолжит поддерживать", 0),
                (TIME, "4 октября", 1),
            ],
            ASSERTED,
        ),
        // «Мы продолжим оказывать содействие нашим друзьям ...», – заявил ... Лавров, передает
        // РИА Новости.
        (
            SUPPORT,
            "оказывать содействие",
            0,
            &[(AGENT, "Мы", 0), (TARGET, "нашим друзьям", 0)],
            ASSERTED,
        ),
        (
            STATEMENT,
            "заявил",
            3,
            &[
                (AGENT, "министр иностранных дел России Сергей Лавров", 1),
                (THEME, "оказывать содействие", 0),
            ],
            ASSERTED,
        ),
        (STATEMENT, "передает", 0, &[(AGENT, "РИА Новости", 0), (THEME, "заявил", 3)], ASSERTED),
        // Глава МИД добавил, что Москва видит в отношениях с регионом путь только вперёд, и
        // «решения 2008 г. пересмотру не подлежат»: the 2008 decisions are Moscow's recognition
        // of South Ossetia («регионом»).
        (STATEMENT, "добавил", 0, &[(AGENT, "Глава МИД", 0), (THEME, "решения", 0)], ASSERTED),
        (
            RECOGNITION,
            "решения",
            0,
            &[(AGENT, "Москва", 0), (THEME, "регионом", 0), (TIME, "2008 г.", 0)],
            ASSERTED,
        ),
        // На встрече с министром ... Асхаром Джиоевым он также обсудил, где ...: «он» is not a
        // span, the Agent is its antecedent «Глава МИД».
        (
            MEETING,
            "встрече",
            0,
            &[
                (AGENT, "Глава МИД", 0),
                (PARTICIPANT, "министром иностранных дел Южной Осетии Асхаром Джиоевым", 0),
            ],
            ASSERTED,
        ),
        (
            OTHER,
            "обсудил",
            0,
            &[
                (AGENT, "Глава МИД", 0),
                (PARTICIPANT, "министром иностранных дел Южной Осетии Асхаром Джиоевым", 0),
            ],
            ASSERTED,
        ),
        // Ранее в МИД России пообещали расширить круг признавших Абхазию стран.
        (STATEMENT, "пообещали", 0, &[(AGENT, "МИД России", 0)], ASSERTED),
        // В августе 2022 г. президент Абхазии Аслан Бжания сообщал, что республика готова
        // присоединиться к Союзному государству ...: ready to join, not joined.
        (
            STATEMENT,
            "сообщал",
            0,
            &[
                (AGENT, "президент Абхазии Аслан Бжания", 0),
                (THEME, "присоединиться", 0),
                (TIME, "В августе 2022 г.", 0),
            ],
            ASSERTED,
        ),
        (
            OTHER,
            "присоединиться",
            0,
            &[(AGENT, "республика", 0), (PARTICIPANT, "Союзному государству России и Беларуси", 0)],
            HYPOTHETICAL,
        ),
        // ... Лукашенко также не исключал официального признания Южной Осетии и Абхазии: a
        // recognition he does not rule out.
        (
            RECOGNITION,
            "признания",
            0,
            &[
                (AGENT, "президент Беларуси Александр Лукашенко", 0),
                (THEME, "Южной Осетии", 4),
                (THEME, "Абхазии", 2),
            ],
            HYPOTHETICAL,
        ),
    ],
};

/// Why «у грудні» and «15 лютого» in 002 have no value.
const NO_YEAR_002: &str = "the year cannot be fixed from the text: 002 has no dateline, no year \
     is given near the date, and the only full dates on the page («06 вер 2025») belong to the \
     other headlines listed under the article";

const SEED_002: Seed = Seed {
    id: "002_a69a3fb0b83d7f83",
    title: "Росія почала пропонувати США та НАТО продовжити переговори",
    lang: "uk",
    source: "002_a69a3fb0b83d7f83.txt",
    dateline: None,
    status: DocStatus::Done,
    anns: &[
        // Росія, зіткнувшись із ... діями Заходу щодо підтримки України, почала пропонувати ...
        (ACTOR, "Росія", 0, STATE),
        (ACTOR, "Заходу", 0, GROUP),
        (ACTOR, "України", 0, STATE),
        (EVENT, "почала пропонувати", 0, TRIGGER),
        (ACTOR, "США", 0, STATE),
        (ACTOR, "НАТО", 0, ORG),
        (EVENT, "продовжити переговори", 0, TRIGGER),
        // Про це свідчить заява міністра ... РФ Сергія Лаврова, ... переговорів з головою МЗС ...
        (EVENT, "заява", 0, TRIGGER),
        (ACTOR, "міністра закордонних справ РФ Сергія Лаврова", 0, PERSON),
        (ACTOR, "РФ", 0, STATE),
        (EVENT, "переговорів", 0, TRIGGER),
        (ACTOR, "головою МЗС Польщі, чинним головою ОБСЄ Збігневом Рау", 0, PERSON),
        (ACTOR, "ОБСЄ", 0, ORG),
        (EVENT, "повідомляє", 0, TRIGGER),
        (ACTOR, "Інтерфакс-Україна", 0, ORG),
        // «Ми продовжимо наш діалог ...», - заявив Лавров.
        (EVENT, "продовжимо наш діалог", 0, TRIGGER),
        (EVENT, "заявив", 0, TRIGGER),
        (ACTOR, "Лавров", 1, PERSON),
        // Нагадаємо, у грудні влада РФ ... висунула США і НАТО, вимагаючи ... 1997 року.
        // No value: December of which year the text does not say (see NO_YEAR_002).
        (DATE, "у грудні", 0, Undated(NO_YEAR_002)),
        (ACTOR, "влада РФ", 0, ORG),
        (EVENT, "висунула", 0, TRIGGER),
        (ACTOR, "США", 1, STATE),
        (ACTOR, "НАТО", 2, ORG),
        (EVENT, "вимагаючи", 0, TRIGGER),
        (ACTOR, "Альянсу", 0, ORG),
        (DATE, "1997 року", 0, Value("1997")),
        // ... РФ сконцентрувала ... велике угруповання військ , погрожуючи ... війною Україні.
        (ACTOR, "РФ", 2, STATE),
        (EVENT, "сконцентрувала", 0, TRIGGER),
        (EVENT, "погрожуючи", 0, TRIGGER),
        (ACTOR, "Україні", 1, STATE),
        // 15 лютого Росія оголосила про відведення частини військ від кордону України ...
        // No value: as «у грудні», the year is not in the text (see NO_YEAR_002).
        (DATE, "15 лютого", 0, Undated(NO_YEAR_002)),
        (ACTOR, "Росія", 1, STATE),
        (EVENT, "оголосила", 0, TRIGGER),
        (EVENT, "відведення", 0, TRIGGER),
        // Added with the events (listed last so the ids above stay as they were): arguments the
        // spans above lacked.
        // «Ми продовжимо наш діалог і щодо прояснення позицій Заходу ...»: Russia, the West.
        (ACTOR, "Ми", 0, STATE),
        (ACTOR, "Заходу", 1, GROUP),
    ],
    events: &[
        // Росія ... почала пропонувати США та НАТО продовжити переговори: talks offered, not
        // held.
        (
            STATEMENT,
            "почала пропонувати",
            0,
            &[(AGENT, "Росія", 0), (THEME, "продовжити переговори", 0)],
            ASSERTED,
        ),
        (
            MEETING,
            "продовжити переговори",
            0,
            &[(AGENT, "Росія", 0), (PARTICIPANT, "США", 0), (PARTICIPANT, "НАТО", 0)],
            HYPOTHETICAL,
        ),
        // Про це свідчить заява міністра ... Лаврова, озвучена ним за підсумками переговорів з
        // головою МЗС Польщі ... Рау, повідомляє Інтерфакс-Україна.
        (
            STATEMENT,
            "заява",
            0,
            &[
                (AGENT, "міністра закордонних справ РФ Сергія Лаврова", 0),
                (THEME, "продовжимо наш діалог", 0),
            ],
            ASSERTED,
        ),
        (
            MEETING,
            "переговорів",
            0,
            &[
                (AGENT, "міністра закордонних справ РФ Сергія Лаврова", 0),
                (PARTICIPANT, "головою МЗС Польщі, чинним головою ОБСЄ Збігневом Рау", 0),
            ],
            ASSERTED,
        ),
        (
            STATEMENT,
            "повідомляє",
            0,
            &[(AGENT, "Інтерфакс-Україна", 0), (THEME, "заява", 0)],
            ASSERTED,
        ),
        // «Ми продовжимо наш діалог і щодо прояснення позицій Заходу ...», - заявив Лавров.
        (
            MEETING,
            "продовжимо наш діалог",
            0,
            &[(AGENT, "Ми", 0), (PARTICIPANT, "Заходу", 1)],
            ASSERTED,
        ),
        (
            STATEMENT,
            "заявив",
            0,
            &[(AGENT, "Лавров", 1), (THEME, "продовжимо наш діалог", 0)],
            ASSERTED,
        ),
        // у грудні влада РФ в ультимативній формі висунула США і НАТО, вимагаючи припинити
        // розширення Альянсу на схід ...: Statement has no addressee role, so США and НАТО,
        // whom the ultimatum concerns, are Themes beside the demand.
        (
            STATEMENT,
            "висунула",
            0,
            &[
                (AGENT, "влада РФ", 0),
                (THEME, "США", 1),
                (THEME, "НАТО", 2),
                (THEME, "вимагаючи", 0),
                (TIME, "у грудні", 0),
            ],
            ASSERTED,
        ),
        (OTHER, "вимагаючи", 0, &[(AGENT, "влада РФ", 0), (THEME, "Альянсу", 0)], ASSERTED),
        // ... РФ сконцентрувала на російсько-українському кордоні велике угруповання військ ,
        // погрожуючи масштабною війною Україні.
        (MILITARY_ACTION, "сконцентрувала", 0, &[(AGENT, "РФ", 2)], ASSERTED),
        (OTHER, "погрожуючи", 0, &[(AGENT, "РФ", 2), (THEME, "Україні", 1)], ASSERTED),
        // 15 лютого Росія оголосила про відведення частини військ від кордону України ...
        (
            STATEMENT,
            "оголосила",
            0,
            &[(AGENT, "Росія", 1), (THEME, "відведення", 0), (TIME, "15 лютого", 0)],
            ASSERTED,
        ),
        (MILITARY_ACTION, "відведення", 0, &[(AGENT, "Росія", 1)], ASSERTED),
    ],
};

const SEED_003: Seed = Seed {
    id: "003_3a29baaebd48468b",
    title: "Представительства ДНР и ЛНР открылись в Южной Осетии",
    lang: "ru",
    source: "003_3a29baaebd48468b.txt",
    dateline: Some("2015-04-28"),
    status: DocStatus::InProgress,
    anns: &[
        // The lead. (The body repeats it verbatim, with no-break spaces, and is left
        // unannotated so the lead's first sentence is the one place these facts are marked.)
        // Южная Осетия признала независимость ДНР и ЛНР в июне 2014 года.
        (ACTOR, "Южная Осетия", 0, STATE),
        (EVENT, "признала независимость", 0, TRIGGER),
        (ACTOR, "ДНР", 0, STATE),
        (ACTOR, "ЛНР", 0, STATE),
        (DATE, "в июне 2014 года", 0, Value("2014-06")),
        // После подписания указов ... президент Южной Осетии поручил МИД установить ...
        (EVENT, "подписания указов", 0, TRIGGER),
        (ACTOR, "президент Южной Осетии", 0, PERSON),
        (EVENT, "поручил", 0, TRIGGER),
        (ACTOR, "МИД", 0, ORG),
        // В апреле 2015 года представительства Южной Осетии были открыты на территории ЛНР и ДНР.
        (DATE, "В апреле 2015 года", 0, Value("2015-04")),
        (ACTOR, "представительства Южной Осетии", 0, ORG),
        (EVENT, "были открыты", 0, TRIGGER),
        // ЦХИНВАЛ, 28 апр — ... Представительства ... открылись во вторник ..., сообщили ...
        (DATE, "28 апр", 0, Value("2015-04-28")),
        (
            ACTOR,
            "Представительства самопровозглашенных Донецкой и\u{a0}Луганской народных республик",
            0,
            ORG,
        ),
        (EVENT, "открылись", 0, TRIGGER),
        // «во вторник»: the Tuesday of the dateline, 28 April 2015.
        (DATE, "во\u{a0}вторник", 0, Value("2015-04-28")),
        (EVENT, "сообщили", 0, TRIGGER),
        (ACTOR, "югоосетинском МИД", 0, ORG),
        // "Сегодня ... состоялась торжественная церемония открытия представительств. ..."
        (DATE, "Сегодня", 0, Value("2015-04-28")),
        (EVENT, "церемония открытия представительств", 0, TRIGGER),
        (EVENT, "сообщили", 1, TRIGGER),
        (ACTOR, "пресс-службе внешнеполитического ведомства", 0, ORG),
        // Делегацию ЛНР возглавила ... Наталья Хоршева, делегацию ДНР возглавил ... Кофман.
        (ACTOR, "Делегацию ЛНР", 0, GROUP),
        (EVENT, "возглавила", 0, TRIGGER),
        (ACTOR, "руководитель администрации главы республики Наталья Хоршева", 0, PERSON),
        (ACTOR, "делегацию ДНР", 0, GROUP),
        (EVENT, "возглавил", 1, TRIGGER),
        (ACTOR, "министр иностранных дел Александр Кофман", 0, PERSON),
        // "Мы искренне рады ...", — заявил президент Южной Осетии Леонид Тибилов ...
        (EVENT, "заявил", 0, TRIGGER),
        (ACTOR, "президент Южной Осетии Леонид Тибилов", 0, PERSON),
        // Министр иностранных дел ДНР заявил, что о готовности сотрудничать ...
        (ACTOR, "Министр иностранных дел ДНР", 0, PERSON),
        (EVENT, "заявил", 1, TRIGGER),
        // На митингах в начале апреля 2014 года ... провозгласили создание "народных республик".
        // «в начале апреля 2014 года»: the value cannot say "early", so the month.
        (DATE, "в\u{a0}начале апреля 2014 года", 0, Value("2014-04")),
        (EVENT, "провозгласили", 0, TRIGGER),
        // Второго ноября в ДНР и ЛНР прошли выборы глав республик ...
        // «Второго ноября»: the paragraph tells 2014 («прошлого года» from the 2015 dateline),
        // and 2 November 2014 is the last 2 November before the dateline.
        (DATE, "Второго ноября", 0, Value("2014-11-02")),
        (EVENT, "выборы", 0, TRIGGER),
    ],
    // None: the GUI tests build the Recognition of the first sentence themselves.
    events: &[],
};

const SEED_004: Seed = Seed {
    id: "004_56f99be02074e6ce",
    title: "President of South Ossetia held a meeting with the Foreign Minister of the LPR",
    lang: "en",
    source: "004_56f99be02074e6ce.txt",
    dateline: Some("2022-05-25"),
    status: DocStatus::New,
    anns: &[
        // President of South Ossetia held a meeting with the Foreign Minister of the LPR
        (ACTOR, "President of South Ossetia", 0, PERSON),
        (EVENT, "held a meeting", 0, TRIGGER),
        (ACTOR, "Foreign Minister of the LPR", 0, PERSON),
        // Wed, 25/05/2022 - 21:37
        (DATE, "25/05/2022", 0, Value("2022-05-25")),
        // President of South Ossetia Alan Gagloev has met on Wednesday with Minister ... Deinego,
        // who arrived in Tskhinval to attend the inauguration ceremony ...
        (ACTOR, "President of South Ossetia Alan Gagloev", 0, PERSON),
        (ACTOR, "South Ossetia", 1, STATE),
        (EVENT, "has met", 0, TRIGGER),
        // «on Wednesday»: the dateline's day, Wednesday 25 May 2022.
        (DATE, "Wednesday", 0, Value("2022-05-25")),
        (
            ACTOR,
            "Minister of Foreign Affairs of the Lugansk People's Republic Vladislav Deinego",
            0,
            PERSON,
        ),
        (ACTOR, "Lugansk People's Republic", 0, STATE),
        (EVENT, "arrived", 0, TRIGGER),
        (EVENT, "inauguration ceremony", 0, TRIGGER),
        // The meeting was also attended by Acting Minister ... Dmitry Medoev.
        (EVENT, "attended", 0, TRIGGER),
        (
            ACTOR,
            "Acting Minister of Foreign Affairs of the Republic of South Ossetia Dmitry Medoev",
            0,
            PERSON,
        ),
        // ... Alan Gagloev conveyed the words of sincere gratitude to the head of the LPR, ...
        (ACTOR, "Alan Gagloev", 1, PERSON),
        (EVENT, "conveyed the words of sincere gratitude", 0, TRIGGER),
        (ACTOR, "the head of the LPR, Leonid Pasechnik", 0, PERSON),
        (EVENT, "stressed", 0, TRIGGER),
        (ACTOR, "South Ossetia", 3, STATE),
        // “Republic of South Ossetia is the first country to recognize the independence ...
        (ACTOR, "Republic of South Ossetia", 1, STATE),
        (EVENT, "recognize the independence", 0, TRIGGER),
        (ACTOR, "Lugansk and Donetsk People's Republics", 1, STATE),
        // The President has stressed that today the Russian Federation is doing everything ...
        (ACTOR, "The President", 0, PERSON),
        (EVENT, "stressed", 1, TRIGGER),
        // «today» (nowadays), taken as the dateline.
        (DATE, "today", 1, Value("2022-05-25")),
        (ACTOR, "the Russian Federation", 0, STATE),
        // For his part, Vladislav Deinego congratulated Alan Gagloev on taking office ...
        (ACTOR, "Vladislav Deinego", 1, PERSON),
        (EVENT, "congratulated", 0, TRIGGER),
        (ACTOR, "Alan Gagloev", 2, PERSON),
        (EVENT, "taking office", 0, TRIGGER),
        // Vladislav Deinego has also noted that South Ossetia recognized the independence ...
        (ACTOR, "Vladislav Deinego", 2, PERSON),
        (EVENT, "noted", 0, TRIGGER),
        (ACTOR, "South Ossetia", 7, STATE),
        (EVENT, "recognized the independence", 0, TRIGGER),
        (ACTOR, "Luhansk and Donetsk People's Republics", 0, STATE),
    ],
    // None: the GUI tests build the Gagloev–Deinego Meeting themselves.
    events: &[],
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

/// The span listed as (`surface`, `occurrence`), with `label` when one is given: exactly one
/// span must cover exactly that text, else the error names the document and the text.
fn resolve(
    doc: &Document,
    label: Option<&str>,
    surface: &str,
    occurrence: usize,
) -> Result<AnnId, String> {
    let id = &doc.meta.id;
    let (start, end) = locate(doc, surface, occurrence)?;
    let found: Vec<&Span> = doc
        .spans_overlapping(start..end)
        .filter(|s| (s.start, s.end) == (start, end) && label.is_none_or(|l| s.label == l))
        .collect();
    let what = label.unwrap_or("span");
    match found.as_slice() {
        [span] => Ok(span.id),
        [] => Err(format!("document `{id}`: no {what} over {surface:?} #{occurrence}")),
        _ => Err(format!("document `{id}`: several spans over {surface:?} #{occurrence}")),
    }
}

/// The (name, value) a listed span carries, checked against its label; dates must already be
/// normalised against the document's dateline.
fn span_attribute(
    seed: &Seed,
    label: &str,
    surface: &str,
    attr: Attr,
) -> Result<Option<(&'static str, &'static str)>, String> {
    let id = seed.id;
    match (label, attr) {
        (EVENT, Attr::Trigger) => Ok(None),
        (ACTOR, Attr::Kind(kind)) => Ok(Some(("kind", kind))),
        (DATE, Attr::Value(value)) => match normalize(value, seed.dateline) {
            Ok(normal) if normal == value => Ok(Some(("value", value))),
            Ok(normal) => {
                Err(format!("document `{id}`: the value of {surface:?} is written {normal}"))
            }
            Err(e) => Err(format!("document `{id}`: the value of {surface:?}: {e}")),
        },
        (DATE, Attr::Undated(why)) if !why.trim().is_empty() => Ok(None),
        _ => Err(format!("document `{id}`: {label} {surface:?} cannot carry {attr:?}")),
    }
}

fn apply(project: &mut Project, edit: Edit, seed: &Seed, what: &str) -> TestResult {
    edit.apply(project).map_err(|e| format!("document `{}`: cannot {what}: {e}", seed.id))?;
    Ok(())
}

fn set_attribute(doc: usize, id: AnnId, name: &str, value: &str) -> Edit {
    Edit::SetAttribute { doc, id, name: name.into(), value: Some(value.into()) }
}

/// The sample project, built through the library from the seeds and the definitions above.
/// Documents in `SEEDS` order, spans in list order, then events in list order, so ids are
/// stable.
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
        for &(label, surface, occurrence, attr) in seed.anns {
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
            let attribute = span_attribute(seed, label, surface, attr)?;
            let id = doc.next_id();
            let span = Span::new(id, start, end, label, ANNOTATOR);
            let what = format!("add {surface:?}");
            apply(&mut project, Edit::AddSpan { doc: index, span }, seed, &what)?;
            if let Some((name, value)) = attribute {
                let edit = set_attribute(index, id, name, value);
                apply(&mut project, edit, seed, &format!("set {name} of {surface:?}"))?;
            }
        }
        // An argument written as an Event span (a Statement's Theme) means the event that span
        // triggers, which may come later in the list: such events get their arguments once all
        // events of the document exist.
        let mut later: Vec<(AnnId, Vec<(&str, AnnId)>)> = Vec::new();
        for &(event_type, trigger, occurrence, arguments, polarity) in seed.events {
            let doc = project.doc(index).ok_or("the document just added is missing")?;
            let trigger_id = resolve(doc, Some(EVENT), trigger, occurrence)?;
            let mut event = Event::new(doc.next_id(), trigger_id, event_type, ANNOTATOR);
            let mut listed = Vec::new();
            for &(role, surface, nth) in arguments {
                let target = resolve(doc, None, surface, nth).map_err(|e| {
                    format!("{e} ({role} of the {event_type} event on {trigger:?} #{occurrence})")
                })?;
                listed.push((role, target));
            }
            let refers_to_events =
                listed.iter().any(|(_, t)| doc.span(*t).is_some_and(|s| s.label == EVENT));
            if !refers_to_events {
                event.arguments = listed
                    .iter()
                    .map(|&(role, target)| Argument { role: role.into(), target })
                    .collect();
            }
            let id = event.id;
            let what = format!("add the {event_type} event on {trigger:?}");
            apply(&mut project, Edit::AddEvent { doc: index, event }, seed, &what)?;
            let edit = set_attribute(index, id, POLARITY, polarity);
            apply(&mut project, edit, seed, &format!("set the polarity of {trigger:?}"))?;
            if refers_to_events {
                later.push((id, listed));
            }
        }
        for (id, listed) in later {
            let doc = project.doc(index).ok_or("the document just added is missing")?;
            let mut arguments = Vec::new();
            for (role, target) in listed {
                let target = match doc.span(target) {
                    Some(s) if s.label == EVENT => doc
                        .events_triggered_by(target)
                        .next()
                        .map(|e| e.id)
                        .ok_or(format!("`{}`: {role} «{}» has no event", seed.id, s.text))?,
                    _ => target,
                };
                arguments.push(Argument { role: role.into(), target });
            }
            let edit = Edit::SetArguments { doc: index, id, arguments };
            apply(&mut project, edit, seed, "point a Theme at the event it reports")?;
        }
        let doc = project.doc(index).ok_or("the document just added is missing")?;
        let meta = DocMeta { status: seed.status, ..doc.meta.clone() };
        apply(&mut project, Edit::SetMeta { doc: index, meta }, seed, "set the status")?;
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
        assert_eq!(doc.meta.status, seed.status, "status of `{id}`");
        assert_eq!(doc.event_count(), seed.events.len(), "events of `{id}`");
        check_attributes(&project, doc, seed)?;
        check_events(doc)?;

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
    // 000–002 are done and carry events; 003 (in progress) and 004 (new) have none, because the
    // GUI tests build their events from the keyboard.
    let statuses: Vec<DocStatus> = project.documents.iter().map(|d| d.meta.status).collect();
    use DocStatus::{Done, InProgress, New};
    assert_eq!(statuses, [Done, Done, Done, InProgress, New]);
    for doc in &project.documents[..3] {
        let n = doc.event_count();
        assert!(n >= MIN_EVENTS, "`{}` has {n} event(s), want {MIN_EVENTS}+", doc.meta.id);
    }
    for doc in &project.documents[3..] {
        assert_eq!(doc.event_count(), 0, "`{}` must have no events", doc.meta.id);
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

/// Every Actor has a kind the schema offers; every Date has a value already normalised against
/// the dateline, unless its definition says why it has none; Event spans carry nothing.
fn check_attributes(project: &Project, doc: &Document, seed: &Seed) -> TestResult {
    let id = seed.id;
    let kinds = match project.schema.attribute(ACTOR, "kind").map(|a| &a.kind) {
        Some(AttrKind::Choice(kinds)) => kinds,
        other => return Err(format!("the schema's Actor kind is {other:?}").into()),
    };
    let undated: BTreeSet<&str> = seed
        .anns
        .iter()
        .filter(|(label, _, _, attr)| *label == DATE && matches!(attr, Undated(_)))
        .map(|&(_, surface, _, _)| surface)
        .collect();
    let dateline = doc.meta.dateline.as_deref();
    for span in doc.spans_by_position() {
        let (text, names) = (&span.text, span.attributes.keys().collect::<Vec<_>>());
        match span.label.as_str() {
            ACTOR => {
                let kind = span.attributes.get("kind");
                assert!(
                    kind.is_some_and(|k| kinds.contains(k)),
                    "`{id}`: Actor {text:?}: {kind:?}"
                );
                assert_eq!(names, ["kind"], "`{id}`: attributes of Actor {text:?}");
            }
            DATE => match span.attributes.get("value") {
                Some(v) => {
                    let normal = normalize(v, dateline);
                    assert_eq!(normal.as_deref(), Ok(v.as_str()), "`{id}`: value of {text:?}");
                    assert_eq!(names, ["value"], "`{id}`: attributes of Date {text:?}");
                }
                None => {
                    assert!(undated.contains(text.as_str()), "`{id}`: Date {text:?} has no value");
                    assert!(names.is_empty(), "`{id}`: attributes of Date {text:?}");
                }
            },
            _ => assert!(names.is_empty(), "`{id}`: {} {text:?} has {names:?}", span.label),
        }
    }
    Ok(())
}

/// Every event has a trigger labelled Event and a polarity, and every argument resolves to an
/// entity span or to an event (never to a bare trigger span). Roles, targets and cardinalities
/// are the validation's business.
fn check_events(doc: &Document) -> TestResult {
    let id = &doc.meta.id;
    for event in doc.events() {
        let trigger = doc.span(event.trigger).ok_or(format!("`{id}`: event {}", event.id))?;
        assert_eq!(trigger.label, EVENT, "`{id}`: the trigger of event {}", event.id);
        let what = format!("`{id}`: {} event on {:?}", event.event_type, trigger.text);
        assert!(event.attributes.contains_key(POLARITY), "{what} has no polarity");
        for a in &event.arguments {
            let resolves = match doc.span(a.target) {
                Some(span) => span.label != EVENT,
                None => doc.event(a.target).is_some(),
            };
            assert!(resolves, "{what}: {} {} does not resolve to an annotation", a.role, a.target);
        }
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
        for doc in &project.documents {
            let mut types = BTreeMap::<&str, usize>::new();
            for event in doc.events() {
                *types.entry(event.event_type.as_str()).or_default() += 1;
            }
            eprintln!("  {}: {} events {types:?}", doc.meta.id, doc.event_count());
        }
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

#[test]
fn generator_resolves_only_listed_spans() -> TestResult {
    let mut project = Project::new("t");
    let meta = DocMeta { id: "d0".into(), ..Default::default() };
    project.documents.push(Arc::new(Document::new(meta, "ЛНР признала ЛНР.")));
    let span = Span::new(AnnId(1), 13, 16, ACTOR, ANNOTATOR);
    Edit::AddSpan { doc: 0, span }.apply(&mut project)?;
    let doc = project.doc(0).ok_or("no document")?;
    assert_eq!(resolve(doc, None, "ЛНР", 1), Ok(AnnId(1)));
    assert_eq!(resolve(doc, Some(ACTOR), "ЛНР", 1), Ok(AnnId(1)));
    let unlisted = resolve(doc, None, "ЛНР", 0).err().unwrap_or_default();
    assert!(unlisted.contains("`d0`") && unlisted.contains("\"ЛНР\" #0"), "{unlisted}");
    let wrong_label = resolve(doc, Some(EVENT), "ЛНР", 1).err().unwrap_or_default();
    assert!(wrong_label.contains("no Event over"), "{wrong_label}");
    let missing = resolve(doc, None, "признал", 0).err().unwrap_or_default();
    assert!(missing.contains("longer word"), "{missing}");
    Ok(())
}
