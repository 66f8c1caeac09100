//! The git merge driver with a real `git`: two branches edit one project file (a span added on
//! each, a relabel on one, a deletion on one, the same span relabelled differently on both, a
//! reviewer's comment on each), and `git merge` goes through with the conflicts left as review
//! notes, not text markers, and both comments kept.

use acta::formats::project::{load_file, parse, save_file};
use acta::model::{AnnId, Comment, Edit, Project, ReviewStatus, Span};
use std::path::Path;
use std::process::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn git(dir: &Path, args: &[&str]) -> Result<String, Box<dyn std::error::Error>> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()?;
    let text =
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(format!("git {args:?} failed: {text}").into());
    }
    Ok(text)
}

fn sample() -> Result<Project, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/sample.ron");
    Ok(parse("sample.ron", &std::fs::read_to_string(path)?)?.project)
}

/// Applies `edits` to the project file in `dir` and commits it.
fn commit(dir: &Path, message: &str, edits: Vec<Edit>) -> TestResult {
    let path = dir.join("project.ron");
    let mut p = load_file(&path)?.project;
    for edit in edits {
        edit.apply(&mut p)?;
    }
    save_file(&p, &path)?;
    git(dir, &["commit", "-qam", message])?;
    Ok(())
}

fn new_span(
    p: &Project,
    doc: usize,
    word: &str,
    who: &str,
) -> Result<Span, Box<dyn std::error::Error>> {
    let d = &p.documents[doc];
    let byte = d.text().find(word).ok_or("word not found")?;
    let start = d.cp_of(byte);
    Ok(Span::new(d.next_id(), start, start + word.chars().count(), "Actor", who))
}

/// Document `doc` of `p` with a comment by `who` added (and the review status set), as one
/// `SetMeta` like the window's.
fn comment(p: &Project, doc: usize, who: &str, time: &str, status: ReviewStatus) -> Edit {
    let mut meta = p.documents[doc].meta.clone();
    meta.review = status;
    meta.comments.push(Comment {
        author: who.into(),
        time: time.into(),
        text: format!("{who} was here"),
    });
    Edit::SetMeta { doc, meta }
}

#[test]
fn two_branches_merge_through_the_driver() -> TestResult {
    let dir = tempfile::tempdir()?;
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"])?;
    let driver = format!("{} merge-driver %O %A %B", env!("CARGO_BIN_EXE_acta"));
    git(repo, &["config", "merge.acta.driver", &driver])?;
    git(repo, &["config", "merge.acta.name", "Acta project merge"])?;
    std::fs::write(repo.join(".gitattributes"), "*.ron merge=acta\n")?;
    let base = sample()?;
    save_file(&base, &repo.join("project.ron"))?;
    git(repo, &["add", "."])?;
    git(repo, &["commit", "-qm", "base"])?;

    // Span 1 of document 0 is «Порядка 10 государств» (Actor); 3 is «Луганской Народной
    // Республикой»; 16 «России», used by no event.
    git(repo, &["checkout", "-qb", "olena"])?;
    let olena = new_span(&base, 0, "ТАСС", "olena")?;
    commit(
        repo,
        "olena",
        vec![
            Edit::AddSpan { doc: 0, span: olena },
            Edit::Relabel { doc: 0, id: AnnId(3), label: "Date".into() },
            Edit::Relabel { doc: 0, id: AnnId(16), label: "Date".into() },
            comment(&base, 1, "olena", "2026-11-23T10:04:00Z", ReviewStatus::InReview),
        ],
    )?;
    git(repo, &["checkout", "-q", "main"])?;
    let petro = new_span(&base, 0, "Абхазия", "petro")?;
    commit(
        repo,
        "petro",
        vec![
            Edit::AddSpan { doc: 0, span: petro },
            Edit::Relabel { doc: 0, id: AnnId(3), label: "Event".into() },
            Edit::RemoveSpan { doc: 0, id: AnnId(16) },
            comment(&base, 1, "petro", "2026-11-23T09:30:00Z", ReviewStatus::NotStarted),
        ],
    )?;
    let out = git(repo, &["merge", "-q", "--no-edit", "olena"])?;
    assert!(out.contains("conflict(s) left as review items"), "{out}");
    let text = std::fs::read_to_string(repo.join("project.ron"))?;
    assert!(!text.contains("<<<<<<<"), "no text markers");
    let merged = load_file(&repo.join("project.ron"))?.project;
    let doc = &merged.documents[0];
    let by = |who: &str| doc.spans().filter(|s| s.annotator == who).count();
    assert_eq!((by("olena"), by("petro")), (1, 1), "both branches' new spans, ids apart");
    // Relabelled differently on both: this branch's label, with a review note.
    let s3 = doc.span(AnnId(3)).ok_or("span 3 gone")?;
    assert_eq!(s3.label, "Event");
    assert!(s3.note.as_deref().unwrap_or_default().starts_with("merge conflict:"), "{s3:?}");
    // Deleted here, changed there: kept, and said so.
    let s16 = doc.span(AnnId(16)).ok_or("span 16 gone")?;
    assert_eq!(s16.label, "Date");
    assert_eq!(doc.meta.notes.matches("merge conflict:").count(), 2, "{}", doc.meta.notes);
    assert_eq!(doc.span_count(), base.documents[0].span_count() + 2);
    // A comment on each branch: both kept, in time order, with olena's status and no conflict.
    let reviewed = &merged.documents[1].meta;
    let who: Vec<&str> = reviewed.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(who, ["petro", "olena"]);
    assert_eq!(reviewed.review, ReviewStatus::InReview);
    assert!(!reviewed.notes.contains("merge conflict:"), "{}", reviewed.notes);
    // The merge committed cleanly, and the file is as deterministic as any save.
    assert!(git(repo, &["status", "--porcelain"])?.trim().is_empty());
    Ok(())
}
