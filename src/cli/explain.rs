//! `neardup explain A B`: why two documents match, passage by passage.

use super::args::MatchArgs;
use super::CliError;
use crate::report::explain_json;
use crate::report::explain_text::{write, Style};
use clap::ValueEnum;
use neardup::boilerplate::sample_boilerplate;
use neardup::corpus::{
    expand_inputs, keep_decompressed_copies, scan, site_hash, InputFormat, ScanOptions, Source,
};
use neardup::explain::{explain_docs, DocFacts};
use neardup::params::Params;
use neardup::shingle::Boilerplate;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// `--format` of explain.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExplainFormat {
    /// For reading.
    Text,
    /// JSON with byte offsets into the original texts.
    Json,
}

/// `--color`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Arguments of `neardup explain`.
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The first document: a text file, or an id with --corpus.
    pub a: String,
    /// The second document: a text file, or an id with --corpus.
    pub b: String,
    /// Find A and B by id in this corpus (a file or directory; repeat for more).
    #[arg(long, value_name = "INPUT")]
    pub corpus: Vec<PathBuf>,
    /// JSON field holding the document id (with --corpus).
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSON field holding the text (with --corpus).
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSON field holding the publication date (with --corpus): the origin
    /// rule's first step.
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "text")]
    pub format: ExplainFormat,
    /// Colour in the text format.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// JSON field naming the publishing site (with --corpus), for the
    /// boilerplate sample.
    #[arg(long, visible_alias = "url-field", default_value = "url")]
    pub site_field: String,
    /// The matching settings, as for cluster: give the same ones to
    /// reproduce its numbers.
    #[command(flatten)]
    pub matching: MatchArgs,
}

/// A document's text and what the origin rule knows of it.
type Loaded = (String, DocFacts);

/// The corpus's sources, a compressed one read from a decompressed copy:
/// explaining reads the corpus two to four times (the two texts, the
/// boilerplate sample and its top-ups).
fn corpus_sources(args: &ExplainArgs) -> Result<Vec<Source>, CliError> {
    let (mut sources, bad) = expand_inputs(&args.corpus, InputFormat::Auto);
    if let Some(b) = bad.first() {
        return Err(CliError::input(b.to_string()));
    }
    keep_decompressed_copies(&mut sources, &|_| {});
    Ok(sources)
}

fn load_from_corpus(args: &ExplainArgs, sources: &[Source]) -> Result<(Loaded, Loaded), CliError> {
    let mut opts = ScanOptions::default();
    opts.fields.id = args.id_field.clone();
    opts.fields.text = args.text_field.clone();
    opts.fields.date = args.date_field.clone();
    opts.fields.site = args.site_field.clone();
    let (mut ta, mut tb) = (None, None);
    scan(
        sources,
        &opts,
        |rec| {
            let rec = rec.ok()?;
            (rec.id == args.a || rec.id == args.b).then(|| {
                let facts = DocFacts {
                    id: rec.id.into_owned(),
                    date: rec.date,
                    site: site_hash(rec.site.as_deref()),
                };
                (rec.text.into_owned(), facts)
            })
        },
        |batch, _| {
            for (text, facts) in batch.into_iter().flatten() {
                if facts.id == args.a && ta.is_none() {
                    ta = Some((text.clone(), facts.clone()));
                }
                if facts.id == args.b && tb.is_none() {
                    tb = Some((text, facts));
                }
            }
        },
    );
    let missing = |id: &str| CliError::input(format!("no document with id {id:?} in the corpus"));
    Ok((
        ta.ok_or_else(|| missing(&args.a))?,
        tb.ok_or_else(|| missing(&args.b))?,
    ))
}

/// The corpus's boilerplate, found as `cluster` finds it, so that the
/// estimates are the ones `cluster` printed.
fn corpus_boilerplate(sources: &[Source], params: &Params) -> Boilerplate {
    if params.max_df >= 1.0 {
        return Boilerplate::default();
    }
    sample_boilerplate(sources, params, |_| {}).set
}

fn load_file(path: &str) -> Result<String, CliError> {
    let bytes = std::fs::read(path).map_err(|e| CliError::input(format!("{path}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError::input(format!(
            "{path}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

pub(super) fn run(args: ExplainArgs) -> Result<ExitCode, CliError> {
    let mut params = Params::default();
    args.matching.apply(&mut params);
    params.fields.id = args.id_field.clone();
    params.fields.text = args.text_field.clone();
    params.fields.date = args.date_field.clone();
    params.fields.site = args.site_field.clone();
    params.validate().map_err(CliError::library)?;
    let (((a, fa), (b, fb)), boilerplate) = if args.corpus.is_empty() {
        (
            (
                (load_file(&args.a)?, DocFacts::named(&args.a)),
                (load_file(&args.b)?, DocFacts::named(&args.b)),
            ),
            Boilerplate::default(),
        )
    } else {
        let sources = corpus_sources(&args)?;
        (
            load_from_corpus(&args, &sources)?,
            corpus_boilerplate(&sources, &params),
        )
    };
    let e = explain_docs((&a, &fa), (&b, &fb), &params, &boilerplate);
    let mut out = std::io::stdout().lock();
    let result = match args.format {
        ExplainFormat::Json => explain_json::write(&e, &mut out),
        ExplainFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => std::io::stdout().is_terminal(),
            };
            write(&e, (&args.a, &a), (&args.b, &b), Style { color }, &mut out)
        }
    };
    result.map_err(|e| CliError::io("writing the explanation", e))?;
    Ok(ExitCode::SUCCESS)
}
