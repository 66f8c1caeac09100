//! A fast serde reader for the plain RON that Acta itself writes: structs, lists, maps, strings,
//! integers, booleans, options and unit or newtype enum variants. Anything else (comments, floats,
//! raw strings, extensions, odd whitespace) is refused, and the caller falls back to the `ron`
//! crate, which reads all of RON and words the errors. Its results must equal `ron`'s (tested).

mod access;

use access::Text;
use serde::de;
use std::fmt;

/// Why the fast reader gave up; never shown to users (the `ron` crate reports instead).
#[derive(Debug)]
pub struct Refused(String);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.0)
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Refused(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Refused>;

fn refuse<T>(what: &str) -> Result<T> {
    Err(Refused(what.to_string()))
}

/// Reads `text` as a `T`, or refuses; the whole input must be consumed.
pub fn from_str<'de, T: de::Deserialize<'de>>(text: &'de str) -> Result<T> {
    let mut reader = Reader { src: text, pos: 0 };
    let value = T::deserialize(&mut reader)?;
    reader.skip_ws()?;
    if reader.pos != text.len() {
        return refuse("trailing characters");
    }
    Ok(value)
}

struct Reader<'de> {
    src: &'de str,
    pos: usize,
}

impl<'de> Reader<'de> {
    fn bytes(&self) -> &'de [u8] {
        self.src.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips ASCII whitespace; a comment or Unicode whitespace is refused, as `ron` reads those.
    fn skip_ws(&mut self) -> Result<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\n' | b'\t' | b'\r' => self.pos += 1,
                // Comments and other whitespace (U+2028, …) are refused where a token should
                // start, since no token starts with them.
                _ => return Ok(()),
            }
        }
        Ok(())
    }

    /// The next significant byte, not consumed.
    fn next_byte(&mut self) -> Result<u8> {
        self.skip_ws()?;
        match self.peek() {
            Some(b) => Ok(b),
            None => refuse("end of input"),
        }
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.next_byte()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            refuse("unexpected character")
        }
    }

    /// Consumes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> Result<bool> {
        if self.next_byte()? == byte {
            self.pos += 1;
            return Ok(true);
        }
        Ok(false)
    }

    /// An ASCII identifier (`[A-Za-z_][A-Za-z0-9_]*`); raw and Unicode identifiers are refused.
    fn identifier(&mut self) -> Result<&'de str> {
        let b = self.next_byte()?;
        if !(b.is_ascii_alphabetic() || b == b'_') {
            return refuse("identifier expected");
        }
        let start = self.pos;
        let bytes = self.bytes();
        let mut end = start + 1;
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
            end += 1;
        }
        if bytes.get(end).is_some_and(|b| *b >= 0x80 || *b == b'#') {
            return refuse("identifier outside ASCII");
        }
        self.pos = end;
        Ok(&self.src[start..end])
    }

    /// Whether an identifier comes next (without consuming it).
    fn at_identifier(&mut self) -> Result<bool> {
        let b = self.next_byte()?;
        Ok(b.is_ascii_alphabetic() || b == b'_')
    }

    /// A separator between items: a comma, or the closing `close` (left for the caller).
    fn comma_or(&mut self, close: u8) -> Result<bool> {
        match self.next_byte()? {
            b',' => {
                self.pos += 1;
                Ok(true)
            }
            b if b == close => Ok(false),
            _ => refuse("comma expected"),
        }
    }

    /// An optional `-`, then decimal digits; hex, `+`, `_` and floats are refused.
    fn integer(&mut self) -> Result<(bool, u64)> {
        let negative = self.eat(b'-')?;
        let bytes = self.bytes();
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(d) = bytes.get(self.pos).filter(|b| b.is_ascii_digit()) {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
                .ok_or_else(|| Refused("integer overflow".into()))?;
            self.pos += 1;
        }
        if self.pos == start {
            return refuse("digits expected");
        }
        if bytes.get(self.pos).is_some_and(|b| b.is_ascii_alphanumeric() || b"._".contains(b)) {
            return refuse("not a plain decimal integer");
        }
        if bytes[start] == b'0' && self.pos - start > 1 {
            return refuse("leading zero");
        }
        Ok((negative, value))
    }

    fn unsigned(&mut self) -> Result<u64> {
        match self.integer()? {
            (false, v) => Ok(v),
            (true, 0) => Ok(0),
            _ => refuse("negative value for an unsigned integer"),
        }
    }

    fn signed(&mut self) -> Result<i64> {
        let (negative, v) = self.integer()?;
        if negative {
            0i64.checked_sub_unsigned(v).ok_or_else(|| Refused("integer overflow".into()))
        } else {
            i64::try_from(v).map_err(|_| Refused("integer overflow".into()))
        }
    }

    /// A `"…"` string: borrowed when it has no escapes.
    fn string(&mut self) -> Result<Text<'de>> {
        self.expect(b'"')?;
        let bytes = self.bytes();
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Text::Borrowed(&self.src[start..i]));
                }
                b'\\' => return self.escaped_string(start, i).map(Text::Owned),
                _ => i += 1,
            }
        }
        refuse("unterminated string")
    }

    /// The rest of a string that has escapes; `at` is the first backslash.
    fn escaped_string(&mut self, start: usize, mut at: usize) -> Result<String> {
        let bytes = self.bytes();
        let mut out = String::with_capacity(at - start + 16);
        let mut run = start;
        loop {
            match bytes.get(at) {
                None => return refuse("unterminated string"),
                Some(b'"') => {
                    out.push_str(&self.src[run..at]);
                    self.pos = at + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.src[run..at]);
                    let (c, len) = self.escape(at + 1)?;
                    out.push(c);
                    at += 1 + len;
                    run = at;
                }
                Some(_) => at += 1,
            }
        }
    }

    /// The character of the escape after a backslash at `at`, and the escape's length.
    fn escape(&self, at: usize) -> Result<(char, usize)> {
        let bytes = self.bytes();
        let simple = match bytes.get(at) {
            Some(b'\'') => '\'',
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'0') => '\0',
            Some(b'x') => {
                let hex = self.src.get(at + 1..at + 3).ok_or_else(|| Refused("escape".into()))?;
                let byte = u8::from_str_radix(hex, 16).map_err(|_| Refused("escape".into()))?;
                if !byte.is_ascii() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return refuse("byte escape outside ASCII");
                }
                return Ok((char::from(byte), 3));
            }
            Some(b'u') => {
                let rest = &bytes[at + 1..];
                if rest.first() != Some(&b'{') {
                    return refuse("unicode escape");
                }
                let digits = rest[1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
                if !(1..=6).contains(&digits) || rest.get(1 + digits) != Some(&b'}') {
                    return refuse("unicode escape");
                }
                let hex = &self.src[at + 2..at + 2 + digits];
                let code = u32::from_str_radix(hex, 16).map_err(|_| Refused("escape".into()))?;
                let c = char::from_u32(code).ok_or_else(|| Refused("escape".into()))?;
                return Ok((c, 3 + digits));
            }
            _ => return refuse("unknown escape"),
        };
        Ok((simple, 1))
    }

    /// Skips `Name` before a struct's `(`; a different name is refused (`ron` reports it).
    fn struct_name(&mut self, name: &str) -> Result<()> {
        if self.at_identifier()? {
            let found = self.identifier()?;
            if found != name {
                return refuse("different struct name");
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
