//! The gazette command-line tool: extract facts from files, directories or
//! streams, in parallel and in input order, and score the extractor against
//! gold files.
//!
//! Exit status: 0 all inputs processed; 1 some inputs or records failed
//! (each reported on stderr with file and line; the others were processed);
//! 2 bad usage, configuration or gold file; 3 the output could not be
//! written; 130 interrupted (Ctrl-C) after the last complete record. A closed output pipe (`gazette extract big.jsonl | head -1`)
//! ends the run quietly with status 0.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, ErrorKind, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use gazette::jsonl::{parse_record, read_line_limited, LineRead, Record};
use gazette::output::{brat, conll, csv, graph::Graph, html, AnnotatedDocument, DocumentRecord};
use gazette::{Document, Extractor};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

#[derive(Parser)]
#[command(
    name = "gazette",
    version,
    about = "Extract entities and facts (who met, visited, supplied, signed with, backed, attacked or \
criticised whom; who holds which office) from English news text.",
    after_help = "Examples:\n  gazette extract article.txt\n  gazette extract --format pretty article.txt\n  \
cat docs.jsonl | gazette extract > facts.jsonl\n  gazette extract --format html news/ > news.html\n  \
gazette eval facts --gold ../shared/data/facts/dev-facts.jsonl --errors\n\nExit status: 0 ok; 1 some \
inputs failed (reported on stderr); 2 bad usage, configuration or gold file; 3 output not writable."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities and facts; one JSON object per document by default.
    #[command(
        after_help = "Inputs: plain-text files (one document each, id = path), .jsonl files (one \
{\"id\": ..., \"text\": ...} document a line), directories (walked, files in name order), or \
standard input when no path is given (JSON Lines when it starts with '{', else one text).\n\n\
Examples:\n  gazette extract a.txt b.txt\n  gazette extract --format pretty a.txt\n  \
gazette extract --jobs 2 corpus.jsonl > out.jsonl\n  gazette extract --format html *.txt > gazette.html\n  \
gazette extract --format graph corpus.jsonl > graph.html\n  gazette extract --format brat --out-dir ann/ corpus.jsonl\n  \
gazette extract --format csv corpus.jsonl > facts.csv"
    )]
    Extract(ExtractArgs),
    /// Score the extractor against a gold file.
    Eval {
        #[command(subcommand)]
        what: EvalWhat,
    },
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// How to read standard input (files are read by their extension).
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,
    /// Directory for the brat .txt/.ann pairs (with --format brat).
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Extra gazetteer files (TSV, see gazetteers/FORMAT.md).
    #[arg(long = "gazetteer", value_name = "FILE")]
    gazetteers: Vec<PathBuf>,
    /// Extra relation lexicons (TSV, see gazetteers/relations.tsv).
    #[arg(long = "relations", value_name = "FILE")]
    relations: Vec<PathBuf>,
    /// Worker threads (default: all cores). Output stays in input order.
    #[arg(long, short = 'j', value_name = "N")]
    jobs: Option<usize>,
    /// Largest document (bytes) to process; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 64 * 1024 * 1024)]
    max_bytes: usize,
    /// Date of the documents (YYYY-MM-DD): lone surnames and titles resolve
    /// to that day's office-holders, ended offices are marked former. A
    /// JSONL record's own "date" field wins.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<gazette::Date>,
    /// Stop at the first input that fails.
    #[arg(long)]
    strict: bool,
    /// No progress bar.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Input files or directories; standard input when none.
    paths: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum EvalWhat {
    /// Entities against a CoNLL-style JSON Lines file (PER/LOC/ORG, exact spans).
    #[command(
        after_help = "Example:\n  gazette eval ner --gold ../shared/data/conll2003/testa.jsonl --errors"
    )]
    Ner {
        /// The gold file.
        #[arg(long)]
        gold: PathBuf,
        /// Also print false positives and false negatives (with the rule that fired).
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
        /// Also print false positives and false negatives (with the rule that fired).
        #[arg(long)]
        errors: bool,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Indented JSON objects.
    Json,
    /// A readable table.
    Pretty,
    /// One self-contained HTML page, entities highlighted, facts listed.
    Html,
    /// The facts as a network: a self-contained HTML page with an SVG drawing.
    Graph,
    /// The facts as a network: JSON nodes and edges.
    GraphJson,
    /// token<TAB>BIO tag, one sentence a block.
    Conll,
    /// brat standoff .txt/.ann pairs in --out-dir.
    Brat,
    /// One CSV row per fact.
    Csv,
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

const EXIT_FAILED_INPUTS: u8 = 1;
const EXIT_USAGE: u8 = 2;
const EXIT_OUTPUT: u8 = 3;
const EXIT_INTERRUPTED: u8 = 130;

fn parse_date(s: &str) -> Result<gazette::Date, String> {
    gazette::Date::parse(s)
        .ok_or_else(|| format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => match extract(args) {
            Ok(code) => code,
            Err(Stop::Usage(msg)) => {
                eprintln!("gazette: {msg}");
                ExitCode::from(EXIT_USAGE)
            }
            Err(Stop::Output(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(Stop::Output(e)) => {
                eprintln!("gazette: cannot write the output: {e}");
                ExitCode::from(EXIT_OUTPUT)
            }
        },
        Command::Eval { what } => eval(what),
    }
}

/// Why a run stops early.
enum Stop {
    Usage(String),
    Output(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        Stop::Output(e)
    }
}

/// Where records come from: files, directories, standard input.
enum Source {
    File(PathBuf),
    Stdin,
}

/// Reads records lazily, one source after the other, JSON Lines line by line.
struct Reader {
    sources: std::vec::IntoIter<Source>,
    current: Option<LineSource>,
    input: Input,
    max_bytes: usize,
}

/// An open JSON Lines stream.
struct LineSource {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

impl Reader {
    /// The next record, with the number of input bytes it took.
    fn next_record(&mut self) -> Option<(Record, usize)> {
        loop {
            if let Some(src) = &mut self.current {
                match read_line_limited(&mut src.reader, self.max_bytes) {
                    Ok(None) => self.current = None,
                    Ok(Some((line, consumed))) => {
                        src.line += 1;
                        let at = format!("{}:{}", src.name, src.line);
                        match line {
                            LineRead::TooLong => {
                                return Some((
                                    Record {
                                        date: None,
                                        id: at.clone(),
                                        text: Err(format!(
                                            "{at}: record over --max-bytes {}",
                                            self.max_bytes
                                        )),
                                    },
                                    consumed,
                                ))
                            }
                            LineRead::Line(bytes) => {
                                if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                                    continue;
                                }
                                return Some((parse_record(&at, &bytes), consumed));
                            }
                        }
                    }
                    Err(e) => {
                        let name = src.name.clone();
                        self.current = None;
                        return Some((
                            Record {
                                date: None,
                                id: name.clone(),
                                text: Err(format!("{name}: {e}")),
                            },
                            0,
                        ));
                    }
                }
                continue;
            }
            let source = self.sources.next()?;
            match source {
                Source::Stdin => {
                    let mut stdin = BufReader::with_capacity(1 << 16, io::stdin());
                    let jsonl = match self.input {
                        Input::Jsonl => true,
                        Input::Text => false,
                        Input::Auto => {
                            let first = stdin.fill_buf().ok().and_then(|b| {
                                let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
                                b.iter().find(|c| !c.is_ascii_whitespace()).copied()
                            });
                            first == Some(b'{')
                        }
                    };
                    if jsonl {
                        self.current = Some(LineSource {
                            name: "<stdin>".into(),
                            reader: Box::new(stdin),
                            line: 0,
                        });
                        continue;
                    }
                    let mut bytes = Vec::new();
                    let r = stdin
                        .take(self.max_bytes as u64 + 1)
                        .read_to_end(&mut bytes);
                    let n = bytes.len();
                    let text = match r {
                        Err(e) => Err(format!("<stdin>: {e}")),
                        Ok(_) if n > self.max_bytes => Err(format!(
                            "<stdin>: document over --max-bytes {}",
                            self.max_bytes
                        )),
                        Ok(_) => utf8("<stdin>", bytes),
                    };
                    return Some((
                        Record {
                            date: None,
                            id: "<stdin>".into(),
                            text,
                        },
                        n,
                    ));
                }
                Source::File(p) => {
                    let name = p.display().to_string();
                    if p.extension().is_some_and(|e| e == "jsonl") {
                        match File::open(&p) {
                            Ok(f) => {
                                self.current = Some(LineSource {
                                    name,
                                    reader: Box::new(BufReader::with_capacity(1 << 16, f)),
                                    line: 0,
                                });
                                continue;
                            }
                            Err(e) => {
                                return Some((
                                    Record {
                                        date: None,
                                        id: name.clone(),
                                        text: Err(format!("{name}: {e}")),
                                    },
                                    0,
                                ))
                            }
                        }
                    }
                    let size = std::fs::metadata(&p).map(|m| m.len() as usize).unwrap_or(0);
                    let text = if size > self.max_bytes {
                        Err(format!(
                            "{name}: document over --max-bytes {}",
                            self.max_bytes
                        ))
                    } else {
                        // Read at most one byte more than allowed: a device or a
                        // pipe has no length to check beforehand.
                        let mut bytes = Vec::new();
                        match File::open(&p)
                            .and_then(|f| f.take(self.max_bytes as u64 + 1).read_to_end(&mut bytes))
                        {
                            Ok(n) if n > self.max_bytes => Err(format!(
                                "{name}: document over --max-bytes {}",
                                self.max_bytes
                            )),
                            Ok(_) => utf8(&name, bytes),
                            Err(e) => Err(format!("{name}: {e}")),
                        }
                    };
                    return Some((
                        Record {
                            date: None,
                            id: name,
                            text,
                        },
                        size,
                    ));
                }
            }
        }
    }
}

fn utf8(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: not valid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Files named on the command line, directories walked in name order.
fn collect_sources(paths: &[PathBuf], failures: &mut usize) -> Vec<Source> {
    if paths.is_empty() {
        return vec![Source::Stdin];
    }
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, failures);
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Source>, failures: &mut usize) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("gazette: {}: {e}", dir.display());
            *failures += 1;
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Links to directories are not followed: a loop would never end.
        let link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
        if p.is_dir() {
            if link {
                eprintln!(
                    "gazette: {}: a link to a directory, not followed",
                    p.display()
                );
            } else {
                walk(&p, out, failures);
            }
        } else if p.is_file() {
            out.push(Source::File(p));
        }
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

/// Renders one document for the streaming formats; documents of the
/// whole-input formats are kept for the end.
/// What a worker hands back for one document: its rendered bytes, or the
/// document itself for the formats that need all documents (or files).
enum Output {
    Bytes(Vec<u8>),
    Doc(AnnotatedDocument),
}

/// Renders one document in a streaming format (the CSV header is written
/// once, by the caller), or keeps it for the formats that need all documents.
fn render(format: Format, id: &str, doc: &Document) -> Output {
    let mut out = Vec::new();
    match format {
        Format::Jsonl | Format::Json => {
            // The JSON formats serialise the record straight from the
            // document, borrowing its strings. (Reserving room for the line,
            // several times the text, saved no time and raised the peak
            // memory of a 100 MB stream from 82 to 96 MB.)
            let record = DocumentRecord::borrowed(id, doc);
            if format == Format::Json {
                serde_json::to_writer_pretty(&mut out, &record)
            } else {
                serde_json::to_writer(&mut out, &record)
            }
            .expect("records serialise");
            out.push(b'\n');
        }
        Format::Pretty => out.extend_from_slice(DocumentRecord::new(id, doc).pretty().as_bytes()),
        Format::Conll => {
            out.extend_from_slice(conll::document(&AnnotatedDocument::new(id, doc)).as_bytes())
        }
        Format::Csv => {
            out.extend_from_slice(csv::rows(&AnnotatedDocument::new(id, doc)).as_bytes())
        }
        Format::Html | Format::Graph | Format::GraphJson | Format::Brat => {
            return Output::Doc(AnnotatedDocument::new(id, doc))
        }
    }
    Output::Bytes(out)
}

fn progress_bar(quiet: bool, total: Option<u64>) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::new(t).with_style(
            ProgressStyle::with_template(
                "{spinner} {msg} {bytes}/{total_bytes} {binary_bytes_per_sec} ETA {eta}",
            )
            .expect("template"),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {msg} {bytes} {binary_bytes_per_sec}")
                .expect("template"),
        ),
    };
    // Shown only when the work lasts more than a moment.
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn extract(args: ExtractArgs) -> Result<ExitCode, Stop> {
    if args.format == Format::Brat && args.out_dir.is_none() {
        return Err(Stop::Usage(
            "--format brat writes .ann/.txt pairs: add --out-dir DIR".into(),
        ));
    }
    let extractor =
        build(&args.gazetteers, &args.relations).map_err(|e| Stop::Usage(e.to_string()))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Stop::Usage(format!("--jobs: {e}")))?;
    let interrupted = Arc::new(AtomicBool::new(false));
    {
        let flag = interrupted.clone();
        // Finish the record being written, then stop: output is never torn.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    }
    let mut failures = 0usize;
    let sources = collect_sources(&args.paths, &mut failures);
    let total: Option<u64> = sources
        .iter()
        .map(|s| match s {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        })
        .sum();
    let bar = progress_bar(args.quiet, total);
    bar.set_message("documents");
    let mut reader = Reader {
        sources: sources.into_iter(),
        current: None,
        input: args.input,
        max_bytes: args.max_bytes,
    };
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| Stop::Usage(format!("{}: {e}", dir.display())))?;
    }
    // Three stages overlap: a reader thread parses batches, the pool
    // extracts and renders them, a writer thread writes them in order.
    // Batches bound memory (about 2 MB of text each, at most two waiting
    // on each side) and keep the input order.
    const BATCH_BYTES: usize = 2 << 20;
    const BATCH_DOCS: usize = 2048;
    type Batch = (Vec<Record>, usize);
    type Done = (Vec<Result<Output, String>>, usize);
    let (batch_tx, batch_rx) = std::sync::mpsc::sync_channel::<Batch>(1);
    let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Done>(1);
    let args = &args;
    let interrupted = &interrupted;
    let bar = &bar;
    let written = std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let mut batch: Vec<Record> = Vec::new();
            let mut bytes = 0usize;
            while bytes < BATCH_BYTES && batch.len() < BATCH_DOCS {
                let Some((rec, n)) = reader.next_record() else {
                    break;
                };
                bytes += n;
                batch.push(rec);
            }
            if batch.is_empty() || batch_tx.send((batch, bytes)).is_err() {
                break;
            }
        });
        let writer = scope.spawn(move || write_all(args, done_rx, interrupted, bar));
        for (batch, bytes) in batch_rx {
            let docs: Vec<Result<Output, String>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|r| match &r.text {
                        Ok(text) => {
                            let doc = extractor.extract_dated(text, r.date.or(args.date));
                            Ok(render(args.format, &r.id, &doc))
                        }
                        Err(e) => Err(e.clone()),
                    })
                    .collect()
            });
            if done_tx.send((docs, bytes)).is_err() {
                break; // the writer stopped (--strict, interrupt, error)
            }
        }
        drop(done_tx);
        writer
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    failures += written?;
    if interrupted.load(Ordering::SeqCst) {
        eprintln!("gazette: interrupted; every record written is complete");
        return Ok(ExitCode::from(EXIT_INTERRUPTED));
    }
    if failures > 0 {
        eprintln!("gazette: {failures} input(s) failed");
        return Ok(ExitCode::from(EXIT_FAILED_INPUTS));
    }
    Ok(ExitCode::SUCCESS)
}

/// The writer stage of `extract`: writes the documents of each finished
/// batch in order (or keeps them for the whole-corpus formats), then the
/// closing output. Returns the number of failed inputs.
fn write_all(
    args: &ExtractArgs,
    done: std::sync::mpsc::Receiver<(Vec<Result<Output, String>>, usize)>,
    interrupted: &AtomicBool,
    bar: &ProgressBar,
) -> Result<usize, Stop> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut kept: Vec<AnnotatedDocument> = Vec::new();
    let mut brat_stems = std::collections::HashSet::new();
    let mut failures = 0usize;
    let mut first = true;
    let mut done_docs = 0u64;
    'outer: for (docs, bytes) in done {
        for d in docs {
            if interrupted.load(Ordering::SeqCst) {
                break 'outer;
            }
            let ad = match d {
                Ok(ad) => ad,
                Err(msg) => {
                    eprintln!("gazette: {msg}");
                    failures += 1;
                    if args.strict {
                        break 'outer;
                    }
                    continue;
                }
            };
            match ad {
                Output::Doc(ad) if args.format == Format::Brat => write_brat(
                    args.out_dir.as_deref().expect("checked"),
                    &ad,
                    &mut brat_stems,
                )?,
                Output::Doc(ad) => kept.push(ad),
                Output::Bytes(bytes) => {
                    if first && args.format == Format::Csv {
                        out.write_all(csv::HEADER.as_bytes())?;
                        out.write_all(b"\n")?;
                    }
                    out.write_all(&bytes)?;
                }
            }
            first = false;
            done_docs += 1;
        }
        bar.inc(bytes as u64);
        bar.set_message(format!("{done_docs} documents"));
    }
    match args.format {
        Format::Html => out.write_all(html::render(&kept).as_bytes())?,
        Format::Graph => out.write_all(Graph::new(&kept).to_html().as_bytes())?,
        Format::GraphJson => {
            out.write_all(Graph::new(&kept).to_json().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Format::Brat => {
            let dir = args.out_dir.as_deref().expect("checked");
            std::fs::write(dir.join("annotation.conf"), brat::annotation_conf())?;
        }
        _ => {}
    }
    out.flush()?;
    bar.finish_and_clear();
    Ok(failures)
}

fn write_brat(
    dir: &Path,
    ad: &AnnotatedDocument,
    stems: &mut std::collections::HashSet<String>,
) -> io::Result<()> {
    let base = brat::file_stem(&ad.record().id);
    let mut stem = base.clone();
    let mut n = 2;
    while !stems.insert(stem.clone()) {
        stem = format!("{base}-{n}");
        n += 1;
    }
    std::fs::write(dir.join(format!("{stem}.txt")), ad.text())?;
    std::fs::write(dir.join(format!("{stem}.ann")), brat::ann(ad.record()))
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
            return ExitCode::from(EXIT_USAGE);
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
            let written = if errors {
                write!(stdout, "{}", r.errors())
            } else {
                Ok(())
            }
            .and_then(|_| writeln!(stdout, "{r}"));
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("gazette: cannot write the output: {e}");
                    ExitCode::from(EXIT_OUTPUT)
                }
            }
        }
        Err(e) => {
            eprintln!("gazette: {}: {e}", gold.display());
            ExitCode::from(EXIT_USAGE)
        }
    }
}
