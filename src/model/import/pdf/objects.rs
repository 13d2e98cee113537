//! Small helpers over lopdf's object model: following references, reading numbers and decoding
//! streams within a byte budget.

use lopdf::{Dictionary, Document, Object, Stream};

/// A chain of references longer than this is treated as broken.
const MAX_HOPS: usize = 16;

/// The object `obj` stands for, references followed.
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    let mut current = obj;
    for _ in 0..MAX_HOPS {
        match current {
            Object::Reference(id) => current = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The value of `key` in `dict`, references followed.
pub fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().and_then(|o| resolve(doc, o))
}

/// The dictionary at `key` (a stream's dictionary counts).
pub fn dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    as_dict(get(doc, dict, key)?)
}

/// The object as a dictionary (a stream's dictionary counts).
pub fn as_dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The number at `key`.
pub fn number(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f64> {
    as_number(get(doc, dict, key)?)
}

/// The object as a number.
pub fn as_number(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

/// The name at `key`.
pub fn name<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, dict, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

/// The array at `key`.
pub fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match get(doc, dict, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

/// The numbers of an array (references followed); `None` if any item is not a number.
pub fn numbers(doc: &Document, items: &[Object]) -> Option<Vec<f64>> {
    items
        .iter()
        .map(|o| resolve(doc, o).and_then(as_number))
        .collect()
}

/// How many decompressed bytes one document may produce in all; every stream read counts.
#[derive(Debug)]
pub struct Budget {
    remaining: usize,
    /// A single stream may not decompress to more than this.
    per_stream: usize,
    /// Set once a stream was refused for its size.
    pub exceeded: bool,
}

impl Budget {
    /// A budget of `total` bytes, at most `per_stream` for any one stream.
    pub fn new(total: usize, per_stream: usize) -> Self {
        Budget {
            remaining: total,
            per_stream,
            exceeded: false,
        }
    }

    /// The decoded bytes of `stream`, or `None` if it does not decode or would exceed the
    /// budget (remembered in [`Budget::exceeded`]).
    pub fn decode(&mut self, stream: &Stream) -> Option<Vec<u8>> {
        let limit = self.per_stream.min(self.remaining);
        match stream.get_plain_content_with_limit(limit) {
            Ok(bytes) => {
                self.remaining = self.remaining.saturating_sub(bytes.len());
                Some(bytes)
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                self.exceeded = true;
                None
            }
            Err(_) => None,
        }
    }
}
