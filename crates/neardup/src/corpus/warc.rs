//! WARC and WET input: Common Crawl's archives, read record by record.
//!
//! A WARC file is a sequence of records, each a version line (`WARC/1.0`),
//! named header lines, an empty line, then `Content-Length` bytes of
//! content and an empty line; a `.gz` file compresses each record as its
//! own gzip member (read here as one stream). The documents are:
//!
//! * `conversion` records (WET files): the extracted plain text;
//! * `resource` records and `response` records whose content is plain text
//!   (`text/plain`; for a response, the HTTP body after its headers).
//!
//! The id is `WARC-Target-URI`, the date `WARC-Date`, the site the URI's
//! host. HTML responses are skipped with a message saying to read the WET
//! file (Common Crawl ships one for each WARC) or extract the text first:
//! see docs/dependencies.md for why no extractor is built in. Other record
//! types (`warcinfo`, `request`, `metadata`) hold no document and are
//! reported as skipped, so that every record is accounted for.
//!
//! A document's [`super::Location`] is the byte range of its text in the
//! decompressed stream (`line` is the record's number), so reading it back
//! is a read of that range, as for a JSON line.

use std::io::{self, BufRead, Read};

/// One WARC record, as far as clustering needs it.
#[derive(Debug)]
pub(super) struct WarcItem {
    /// 1-based record number in the file.
    pub ordinal: u64,
    /// Byte offset of the document's text in the decompressed stream.
    pub offset: u64,
    /// Byte length of the text.
    pub len: u64,
    /// What the record holds.
    pub kind: ItemKind,
}

/// What a WARC record holds.
#[derive(Debug)]
pub(super) enum ItemKind {
    /// A document: its URI, date and text bytes.
    Text {
        uri: Option<String>,
        date: Option<String>,
        content: Vec<u8>,
    },
    /// A record of a type (or content type) that holds no text document.
    NotDocument(String),
    /// An HTML response (no text extraction built in).
    Html,
    /// Content over the size limit (not kept).
    TooLarge,
}

/// A byte-counting reader, so that records know their offsets.
struct Counted<R> {
    inner: R,
    at: u64,
}

impl<R: BufRead> Counted<R> {
    /// One line without its `\r\n` or `\n`; None at the end of the input.
    /// A header line longer than 64 KiB is an error (no real header is).
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<()>> {
        buf.clear();
        let n = (&mut self.inner).take(64 << 10).read_until(b'\n', buf)?;
        self.at += n as u64;
        if n == 0 {
            return Ok(None);
        }
        if buf.last() != Some(&b'\n') && n == 64 << 10 {
            return Err(bad(self.at, "a header line longer than 64 KiB"));
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        Ok(Some(()))
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<()> {
        self.inner.read_exact(buf)?;
        self.at += buf.len() as u64;
        Ok(())
    }

    fn skip(&mut self, n: u64) -> io::Result<()> {
        let skipped = io::copy(&mut (&mut self.inner).take(n), &mut io::sink())?;
        self.at += skipped;
        if skipped < n {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "record cut short",
            ));
        }
        Ok(())
    }
}

fn bad(at: u64, what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("not a valid WARC file: {what} (byte {at})"),
    )
}

/// The headers of a record that clustering reads.
#[derive(Default)]
struct Headers {
    warc_type: Option<String>,
    uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    length: Option<u64>,
}

/// Reads the records of a WARC stream in order, handing each to `send`
/// (which returns false to stop). Content longer than `max_bytes` is
/// skipped over, not held. Fails on a stream that is not WARC.
pub(super) fn read_records(
    reader: impl BufRead,
    max_bytes: u64,
    mut send: impl FnMut(WarcItem) -> bool,
) -> io::Result<()> {
    let mut r = Counted {
        inner: reader,
        at: 0,
    };
    let mut line = Vec::new();
    let mut ordinal = 0u64;
    loop {
        // Records are separated by empty lines.
        loop {
            if r.line(&mut line)?.is_none() {
                return Ok(());
            }
            if !line.is_empty() {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err(bad(
                r.at,
                "a record does not start with a WARC/ version line",
            ));
        }
        ordinal += 1;
        let h = read_headers(&mut r, &mut line)?;
        let len = h
            .length
            .ok_or_else(|| bad(r.at, "a record without Content-Length"))?;
        let start = r.at;
        let item = |offset, len, kind| WarcItem {
            ordinal,
            offset,
            len,
            kind,
        };
        let kind = h.warc_type.as_deref().unwrap_or("").to_ascii_lowercase();
        let is_text = |ct: Option<&str>| {
            ct.is_some_and(|c| c.trim().to_ascii_lowercase().starts_with("text/plain"))
        };
        let out = match kind.as_str() {
            "conversion" => Some(true),
            "resource" => Some(is_text(h.content_type.as_deref())),
            "response" => None,
            _ => Some(false),
        };
        let sent = match out {
            Some(false) => {
                r.skip(len)?;
                send(item(start, len, ItemKind::NotDocument(describe(&h))))
            }
            _ if len > max_bytes => {
                r.skip(len)?;
                send(item(start, len, ItemKind::TooLarge))
            }
            Some(true) => {
                let mut content = vec![0u8; len as usize];
                r.read_exact(&mut content)?;
                send(item(start, len, text(h, content)))
            }
            None => {
                let mut content = vec![0u8; len as usize];
                r.read_exact(&mut content)?;
                let (skip, ct) = http_head(&content);
                let body = content.split_off(skip);
                let (offset, len) = (start + skip as u64, body.len() as u64);
                let ct = ct.map(|c| c.to_ascii_lowercase());
                let kind = match ct.as_deref() {
                    Some(c) if c.starts_with("text/plain") => text(h, body),
                    Some(c) if c.starts_with("text/html") || c.contains("xhtml") => ItemKind::Html,
                    _ => ItemKind::NotDocument(describe(&h)),
                };
                send(item(offset, len, kind))
            }
        };
        if !sent {
            return Ok(());
        }
    }
}

fn text(h: Headers, content: Vec<u8>) -> ItemKind {
    ItemKind::Text {
        uri: h.uri,
        date: h.date,
        content,
    }
}

/// "response text/css" and the like, for the skip message.
fn describe(h: &Headers) -> String {
    let t = h.warc_type.as_deref().unwrap_or("untyped");
    match &h.content_type {
        Some(c) => format!("{t} ({c})"),
        None => t.to_string(),
    }
}

fn read_headers<R: BufRead>(r: &mut Counted<R>, line: &mut Vec<u8>) -> io::Result<Headers> {
    let mut h = Headers::default();
    loop {
        if r.line(line)?.is_none() {
            return Err(bad(r.at, "the input ends inside a record's headers"));
        }
        if line.is_empty() {
            return Ok(h);
        }
        let text = String::from_utf8_lossy(line);
        let Some((name, value)) = text.split_once(':') else {
            continue; // a folded or malformed line: nothing clustering reads
        };
        let value = value.trim().to_string();
        match name.trim().to_ascii_lowercase().as_str() {
            "warc-type" => h.warc_type = Some(value),
            // Some writers put the URI in angle brackets (WARC 1.0's grammar).
            "warc-target-uri" => {
                h.uri = Some(
                    value
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string(),
                )
            }
            "warc-date" => h.date = Some(value),
            "content-type" => h.content_type = Some(value),
            "content-length" => {
                h.length = Some(
                    value
                        .parse()
                        .map_err(|_| bad(r.at, "a Content-Length that is not a number"))?,
                )
            }
            _ => {}
        }
    }
}

/// The length of an HTTP response's head (status line and headers, up to
/// the empty line) and its Content-Type; (0, None) when there is none.
fn http_head(content: &[u8]) -> (usize, Option<String>) {
    if !content.starts_with(b"HTTP/") {
        return (0, None);
    }
    let end = memchr::memmem::find(content, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(content, b"\n\n").map(|i| i + 2));
    let Some(end) = end else {
        return (content.len(), None);
    };
    let head = String::from_utf8_lossy(&content[..end]);
    let ct = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-type")
            .then(|| value.trim().to_string())
    });
    (end, ct)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, extra: &str, content: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n{content}\r\n\r\n",
            content.len()
        )
    }

    fn items(data: &str, max: u64) -> Vec<WarcItem> {
        let mut out = Vec::new();
        read_records(data.as_bytes(), max, |i| {
            out.push(i);
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn conversion_records_are_documents_with_their_byte_range() {
        let data = [
            record("warcinfo", "", "software: test\r\n"),
            record(
                "conversion",
                "WARC-Target-URI: https://a.example/x\r\nWARC-Date: 2024-02-29T10:00:00Z\r\n",
                "Title\nThe text of the page.",
            ),
            record(
                "response",
                "WARC-Target-URI: https://b.example/\r\n",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>",
            ),
            record(
                "response",
                "WARC-Target-URI: https://c.example/t.txt\r\n",
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nplain body",
            ),
        ]
        .concat();
        let got = items(&data, 1 << 20);
        assert_eq!(got.len(), 4);
        assert!(matches!(&got[0].kind, ItemKind::NotDocument(t) if t == "warcinfo"));
        let ItemKind::Text { uri, date, content } = &got[1].kind else {
            panic!("{:?}", got[1]);
        };
        assert_eq!(uri.as_deref(), Some("https://a.example/x"));
        assert_eq!(date.as_deref(), Some("2024-02-29T10:00:00Z"));
        assert_eq!(content, b"Title\nThe text of the page.");
        let range = got[1].offset as usize..(got[1].offset + got[1].len) as usize;
        assert_eq!(
            &data.as_bytes()[range],
            content.as_slice(),
            "the range reads it back"
        );
        assert_eq!(got[1].ordinal, 2);
        assert!(matches!(got[2].kind, ItemKind::Html));
        let ItemKind::Text { content, .. } = &got[3].kind else {
            panic!("{:?}", got[3]);
        };
        let range = got[3].offset as usize..(got[3].offset + got[3].len) as usize;
        assert_eq!(&data.as_bytes()[range], b"plain body");
        assert_eq!(content, b"plain body");
    }

    #[test]
    fn large_records_are_skipped_over_and_bad_input_is_an_error() {
        let big = "word ".repeat(100);
        let data = [
            record("conversion", "", &big),
            record("conversion", "", "small text"),
        ]
        .concat();
        let got = items(&data, 100);
        assert!(matches!(got[0].kind, ItemKind::TooLarge));
        assert!(matches!(&got[1].kind, ItemKind::Text { content, .. } if content == b"small text"));
        let err = read_records(&b"{\"id\": 1}\n"[..], 100, |_| true).unwrap_err();
        assert!(err.to_string().contains("WARC/ version line"), "{err}");
        let cut = "WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 50\r\n\r\nshort";
        assert!(read_records(cut.as_bytes(), 100, |_| true).is_err());
        let no_len = "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nx\r\n\r\n";
        let err = read_records(no_len.as_bytes(), 100, |_| true).unwrap_err();
        assert!(err.to_string().contains("Content-Length"), "{err}");
    }
}
