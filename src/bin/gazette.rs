//! The gazette command-line tool: extract facts from files or streams, and
//! score the extractor against gold files.

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use gazette::output::DocumentRecord;
use gazette::Extractor;

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "Extract entities and facts (who met, visited, supplied, attacked, criticised whom; who holds which office) from English news text.",
    after_help = "Examples:\n  gazette extract article.txt\n  gazette extract --format pretty article.txt\n  cat docs.jsonl | gazette extract --input jsonl > facts.jsonl\n  gazette eval facts --gold ../shared/data/facts/dev-facts.jsonl --errors"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and facts; one JSON object per document.
    #[command(
        after_help = "Plain-text files are one document each (id = path); .jsonl files hold one \
document a line ({\"id\": ..., \"text\": ...}). With no path, standard input is read.\n\nExamples:\n  gazette extract a.txt b.txt\n  gazette extract --format pretty a.txt\n  gazette extract corpus.jsonl > out.jsonl"
    )]
    Extract {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Jsonl)]
        format: Format,
        /// How to read standard input (files are read by their extension).
        #[arg(long, value_enum, default_value_t = Input::Auto)]
        input: Input,
        /// Extra gazetteer files (TSV, see gazetteers/FORMAT.md).
        #[arg(long = "gazetteer", value_name = "FILE")]
        gazetteers: Vec<PathBuf>,
        /// Extra relation lexicons (TSV, see gazetteers/relations.tsv).
        #[arg(long = "relations", value_name = "FILE")]
        relations: Vec<PathBuf>,
        /// Input files; standard input when none.
        paths: Vec<PathBuf>,
    },
    /// Score the extractor against a gold file.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Entities against a CoNLL-style JSON Lines file (PER/LOC/ORG, exact spans).
    #[command(
        after_help = "Example:\n  gazette eval ner --gold ../shared/data/conll2003/testa.jsonl"
    )]
    Ner {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Also print false positives and false negatives.
        #[arg(long)]
        errors: bool,
    },
    /// Facts against a gold file in the facts schema.
    #[command(
        after_help = "Example:\n  gazette eval facts --gold ../shared/data/facts/dev-facts.jsonl --errors"
    )]
    Facts {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Also print false positives and false negatives.
        #[arg(long)]
        errors: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Indented JSON objects.
    Json,
    /// A readable table.
    Pretty,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Input {
    /// JSON Lines when the first non-blank character is '{', else text.
    Auto,
    /// One document.
    Text,
    /// One {"id", "text"} object per line.
    Jsonl,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            format,
            input,
            gazetteers,
            relations,
            paths,
        } => extract(format, input, &gazetteers, &relations, &paths),
        Command::Eval { what } => eval(what),
    }
}

fn build(gazetteers: &[PathBuf], relations: &[PathBuf]) -> Result<Extractor, gazette::Error> {
    if gazetteers.is_empty() && relations.is_empty() {
        return Ok(Extractor::default());
    }
    let mut b = Extractor::builder();
    for g in gazetteers {
        b.gazetteer_file(g);
    }
    for r in relations {
        b.relation_file(r);
    }
    b.build()
}

/// Writes one record; `Err` only when the output is gone.
fn write_record(out: &mut impl Write, format: Format, rec: &DocumentRecord) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, rec).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rec).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        Format::Pretty => out.write_all(rec.pretty().as_bytes()),
    }
}

#[derive(serde::Deserialize)]
struct InRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<String>,
}

fn extract(
    format: Format,
    input: Input,
    gazetteers: &[PathBuf],
    relations: &[PathBuf],
    paths: &[PathBuf],
) -> ExitCode {
    let extractor = match build(gazetteers, relations) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gazette: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut emit = |out: &mut BufWriter<io::StdoutLock>, id: &str, text: &str| -> bool {
        let doc = extractor.extract(text);
        let rec = DocumentRecord::new(id, &doc);
        write_record(out, format, &rec).is_ok()
    };
    if paths.is_empty() {
        let mut bytes = Vec::new();
        if let Err(e) = io::stdin().lock().read_to_end(&mut bytes) {
            eprintln!("gazette: standard input: {e}");
            return ExitCode::from(1);
        }
        let jsonl = match input {
            Input::Jsonl => true,
            Input::Text => false,
            Input::Auto => bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'),
        };
        let r = if jsonl {
            jsonl_records("<stdin>", &bytes, &mut out, &mut emit, &mut failures)
        } else {
            match String::from_utf8(bytes) {
                Ok(text) => emit(&mut out, "<stdin>", &text),
                Err(e) => {
                    eprintln!(
                        "gazette: <stdin>: not valid UTF-8 at byte {}",
                        e.utf8_error().valid_up_to()
                    );
                    failures += 1;
                    true
                }
            }
        };
        if !r {
            return ExitCode::SUCCESS; // output closed: stop quietly
        }
    }
    for p in paths {
        let bytes = match read_path(p) {
            Ok(b) => b,
            Err(msg) => {
                eprintln!("gazette: {msg}");
                failures += 1;
                continue;
            }
        };
        let ok = if p.extension().is_some_and(|e| e == "jsonl") {
            jsonl_records(
                &p.display().to_string(),
                &bytes,
                &mut out,
                &mut emit,
                &mut failures,
            )
        } else {
            match String::from_utf8(bytes) {
                Ok(text) => emit(&mut out, &p.display().to_string(), &text),
                Err(e) => {
                    eprintln!(
                        "gazette: {}: not valid UTF-8 at byte {}",
                        p.display(),
                        e.utf8_error().valid_up_to()
                    );
                    failures += 1;
                    true
                }
            }
        };
        if !ok {
            return ExitCode::SUCCESS;
        }
    }
    if out.flush().is_err() {
        return ExitCode::SUCCESS;
    }
    if failures > 0 {
        eprintln!("gazette: {failures} input(s) failed");
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn read_path(p: &Path) -> Result<Vec<u8>, String> {
    if p.is_dir() {
        return Err(format!("{}: is a directory", p.display()));
    }
    std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
}

/// Processes JSON Lines; returns false when the output is closed.
fn jsonl_records(
    name: &str,
    bytes: &[u8],
    out: &mut BufWriter<io::StdoutLock>,
    emit: &mut impl FnMut(&mut BufWriter<io::StdoutLock>, &str, &str) -> bool,
    failures: &mut usize,
) -> bool {
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let line_no = i + 1;
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let Ok(line) = std::str::from_utf8(line) else {
            eprintln!("gazette: {name}:{line_no}: not valid UTF-8");
            *failures += 1;
            continue;
        };
        let rec: InRecord = match serde_json::from_str(line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("gazette: {name}:{line_no}: not a JSON object: {e}");
                *failures += 1;
                continue;
            }
        };
        let Some(text) = rec.text else {
            eprintln!("gazette: {name}:{line_no}: no \"text\" field");
            *failures += 1;
            continue;
        };
        let id = match rec.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => format!("{name}:{line_no}"),
        };
        if !emit(out, &id, &text) {
            return false;
        }
    }
    true
}

fn eval(what: EvalWhat) -> ExitCode {
    let (gold, errors, ner) = match what {
        EvalWhat::Ner { gold, errors } => (gold, errors, true),
        EvalWhat::Facts { gold, errors } => (gold, errors, false),
    };
    let text = match std::fs::read_to_string(&gold) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("gazette: {}: {e}", gold.display());
            return ExitCode::from(2);
        }
    };
    let extractor = Extractor::default();
    let report = if ner {
        gazette::eval::eval_ner(&extractor, &text)
    } else {
        gazette::eval::eval_facts(&extractor, &text)
    };
    match report {
        Ok(r) => {
            let mut stdout = io::stdout().lock();
            if errors {
                let _ = write!(stdout, "{}", r.errors());
            }
            let _ = writeln!(stdout, "{r}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gazette: {}: {e}", gold.display());
            ExitCode::from(2)
        }
    }
}
