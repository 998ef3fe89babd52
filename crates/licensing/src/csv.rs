//! CSV files in and out: RFC 4180 (comma, double quotes, CRLF), UTF-8 with a byte-order mark so
//! spreadsheet programs open zh-TW names. The columns are the ones the README documents; the
//! Users list's export is also an import file that changes nothing (`assign` holds what each user
//! already has), so the two share one header.

/// What every exported file starts with: without it Excel reads UTF-8 as the system code page.
pub const BOM: &str = "\u{feff}";

/// The columns of a users export (the Users list as filtered, the selection, a product's
/// holders), in order. `assign` lists the products each user holds, `;`-separated, and `remove`
/// is empty, so importing the file unchanged changes nothing.
pub const USER_COLUMNS: [&str; 7] = [
    "userPrincipalName",
    "displayName",
    "assign",
    "remove",
    "usageLocation",
    "accountEnabled",
    "lastSignInDateTime",
];

/// The columns an import file must have (any order); other columns of [`USER_COLUMNS`] are
/// allowed and ignored, so an export can be imported as it is.
pub const IMPORT_COLUMNS: [&str; 4] = ["userPrincipalName", "assign", "remove", "usageLocation"];

/// The columns of a Licenses updated export: one row per user.
pub const RESULT_COLUMNS: [&str; 6] = [
    "userPrincipalName",
    "displayName",
    "result",
    "changes",
    "errorCode",
    "message",
];

/// Separates several products in one cell.
pub const LIST_SEPARATOR: char = ';';

/// Builds a CSV file in memory, byte-order mark first.
pub struct CsvWriter {
    out: Vec<u8>,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    pub fn new() -> CsvWriter {
        CsvWriter {
            out: BOM.as_bytes().to_vec(),
        }
    }

    /// Appends one record; fields holding commas, quotes or line breaks are quoted (an empty
    /// record's one field too, so it is not a blank line). Written by hand rather than with
    /// csv-core's writer, whose quoting test for numbers brings float parsing to the bundle.
    pub fn record<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        let start = self.out.len();
        for (index, field) in fields.into_iter().enumerate() {
            if index > 0 {
                self.out.push(b',');
            }
            if field
                .bytes()
                .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
            {
                self.out.push(b'"');
                for part in field.split_inclusive('"') {
                    self.out.extend_from_slice(part.as_bytes());
                    if part.ends_with('"') {
                        self.out.push(b'"');
                    }
                }
                self.out.push(b'"');
            } else {
                self.out.extend_from_slice(field.as_bytes());
            }
        }
        if self.out.len() == start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.extend_from_slice(b"\r\n");
    }

    /// The file's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// One record of a file read, with the line it starts on (1-based, counting the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRecord {
    pub line: usize,
    pub fields: Vec<String>,
}

/// Why a file could not be read as CSV at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// The file is not UTF-8; `line` holds the first byte that is not.
    NotUtf8 { line: usize },
}

/// Reads every record of a file (a leading byte-order mark is skipped, blank lines are ignored).
pub fn read_records(bytes: &[u8]) -> Result<Vec<CsvRecord>, CsvError> {
    if let Err(error) = std::str::from_utf8(bytes) {
        let line = 1 + bytes[..error.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        return Err(CsvError::NotUtf8 { line });
    }
    let mut reader = csv_core::Reader::new();
    let mut records = Vec::new();
    let mut input = bytes;
    let mut out = vec![0u8; 1024];
    let mut ends = vec![0usize; 16];
    let (mut out_len, mut ends_len) = (0, 0);
    loop {
        let (result, read, written, ended) =
            reader.read_record(input, &mut out[out_len..], &mut ends[ends_len..]);
        let consumed_newline = read > 0 && input[read - 1] == b'\n';
        input = &input[read..];
        out_len += written;
        ends_len += ended;
        match result {
            csv_core::ReadRecordResult::InputEmpty => {}
            csv_core::ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            csv_core::ReadRecordResult::Record => {
                let mut start = 0;
                let mut fields = Vec::with_capacity(ends_len);
                for &end in &ends[..ends_len] {
                    // The whole file is UTF-8 and fields end on ASCII bytes, so this never fails
                    // (and shares from_utf8 with the check above, unlike a lossy read).
                    let field = std::str::from_utf8(&out[start..end]).unwrap_or_default();
                    fields.push(field.to_owned());
                    start = end;
                }
                let inner_newlines: usize =
                    fields.iter().map(|field| field.matches('\n').count()).sum();
                // The reader's line is 1 plus the line breaks it has passed, this record's own included.
                let passed = reader.line() as usize;
                let line = passed - inner_newlines - usize::from(consumed_newline);
                records.push(CsvRecord { line, fields });
                out_len = 0;
                ends_len = 0;
            }
            csv_core::ReadRecordResult::End => return Ok(records),
        }
    }
}

/// The cells of a `;`-separated list, trimmed, empty ones dropped.
pub fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(LIST_SEPARATOR)
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(records: &[&[&str]]) -> String {
        let mut writer = CsvWriter::new();
        for record in records {
            writer.record(record.iter().copied());
        }
        String::from_utf8(writer.finish()).unwrap()
    }

    #[test]
    fn writes_a_bom_crlf_and_quotes_only_where_needed() {
        let text = write(&[
            &["a", "b,c"],
            &["say \"hi\"", "two\nlines"],
            &["王小明", ""],
        ]);
        assert_eq!(
            text,
            "\u{feff}a,\"b,c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n王小明,\r\n"
        );
    }

    /// What csv-core's own writer makes of a record (quoting where necessary, CRLF).
    fn csv_core_record(fields: &[String]) -> Vec<u8> {
        let mut writer = csv_core::WriterBuilder::new()
            .terminator(csv_core::Terminator::CRLF)
            .build();
        let mut out = Vec::new();
        let mut buffer = vec![0u8; 256];
        for (index, field) in fields.iter().enumerate() {
            if index > 0 {
                let (_, n) = writer.delimiter(&mut buffer);
                out.extend_from_slice(&buffer[..n]);
            }
            let (_, _, n) = writer.field(field.as_bytes(), &mut buffer);
            out.extend_from_slice(&buffer[..n]);
        }
        let (_, n) = writer.terminator(&mut buffer);
        out.extend_from_slice(&buffer[..n]);
        out
    }

    proptest::proptest! {
        #[test]
        fn writes_records_as_csv_core_does(
            fields in proptest::collection::vec("[a王,\"\r\n 1.]{0,8}", 1..5)
        ) {
            let mut writer = CsvWriter::new();
            writer.record(fields.iter().map(String::as_str));
            let written = writer.finish();
            proptest::prop_assert_eq!(&written[BOM.len()..], &csv_core_record(&fields)[..]);
        }
    }

    #[test]
    fn a_lone_empty_field_is_still_a_record() {
        assert_eq!(write(&[&[""]]), "\u{feff}\"\"\r\n");
    }

    #[test]
    fn reads_back_what_it_writes() {
        let rows: Vec<Vec<String>> = vec![
            USER_COLUMNS.iter().map(|c| c.to_string()).collect(),
            vec!["x@y".into(), "王, \"小明\"".into(), "A;B".into(), "".into()],
            vec!["two\r\nlines".into(), "".into()],
        ];
        let mut writer = CsvWriter::new();
        for row in &rows {
            writer.record(row.iter().map(String::as_str));
        }
        let read = read_records(&writer.finish()).unwrap();
        let fields: Vec<Vec<String>> = read.iter().map(|r| r.fields.clone()).collect();
        assert_eq!(fields, rows);
        assert_eq!(read.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn line_numbers_count_blank_lines_quoted_breaks_and_a_missing_last_break() {
        let read = read_records(b"h1,h2\n\n\"a\nb\",c\nlast,x").unwrap();
        assert_eq!(read.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(read[1].fields, ["a\nb", "c"]);
        assert_eq!(read[2].fields, ["last", "x"]);
        let crlf = read_records(b"h\r\n1\r\n\r\n2\r\n").unwrap();
        assert_eq!(crlf.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn long_fields_and_many_columns_grow_the_buffers() {
        let long = "x".repeat(5000);
        let many: Vec<String> = (0..40).map(|i| i.to_string()).collect();
        let text = format!("{long}\n{}\n", many.join(","));
        let read = read_records(text.as_bytes()).unwrap();
        assert_eq!(read[0].fields, [long]);
        assert_eq!(read[1].fields, many);
        assert_eq!(read[1].line, 2);
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_line() {
        let bytes = b"userPrincipalName\nok@x\nbad\xff@x\n";
        assert_eq!(read_records(bytes), Err(CsvError::NotUtf8 { line: 3 }));
    }

    #[test]
    fn an_empty_file_has_no_records() {
        assert_eq!(read_records(b""), Ok(vec![]));
        assert_eq!(read_records(BOM.as_bytes()), Ok(vec![]));
    }

    #[test]
    fn lists_split_on_semicolons_and_drop_blanks() {
        assert_eq!(split_list(" A ; ;B;").collect::<Vec<_>>(), ["A", "B"]);
    }
}
