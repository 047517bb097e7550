//! How a record's details are encoded in an arena: one list of its fields, from which the
//! encoder, the decoder and the decoded record are all generated.
//!
//! A record is a presence mask (a postcard varint, one bit per field in the order listed)
//! followed by the postcard encoding of each field present, in that order: an absent optional
//! field or an empty text, list or set of sources costs nothing but its bit, so a field added to
//! the format costs a record that leaves it out nothing. [`encoded_record!`] writes the encoder
//! from borrowed fields (no string is copied), and the decoder builds the record naming every
//! field, so a field added to the record and not to its list does not compile, and one listed
//! is encoded, decoded and checked by the snapshot round-trip tests with no other change.

/// Declares the encoding of a record's details.
///
/// ```text
/// encoded_record! {
///     Company {
///         name: string,
///         aliases: list<String>,
///         country: text,
///         extra: json,
///     }
///     pub(super) fn encode;
///     pub(super) fn decode(bytes: &[u8], id: &str) {
///         id: CompanyId(id.to_owned()),
///     }
/// }
/// ```
///
/// declares `fn encode(&Company, Vec<u8>) -> Vec<u8>`, which appends the company's encoding to
/// the bytes, and `fn decode(bytes, id) -> Company`, which decodes `bytes` and sets the fields
/// the encoding does not hold from the expressions given.
///
/// Each field says how it is held: `copy<T>` an `Option<T>` of a `Copy` type; `text` an
/// `Option<String>`; `string` a `String`; `list<T>` a `Vec<T>`; `json` an optional JSON map,
/// held as its text; `sources` a relation's sources, each with every field present (written
/// by `SourcesRef`, which the invoking module defines). List the fields most records have
/// first: the mask takes one byte for the first seven, two for the first fourteen.
macro_rules! encoded_record {
    (
        $record:ident {
            $($field:ident: $how:ident $(<$ty:ty>)?),* $(,)?
        }
        $encode_vis:vis fn $encode:ident;
        $vis:vis fn $decode:ident($bytes:ident: &[u8] $(, $param:ident: $param_ty:ty)* $(,)?) {
            $($fixed:ident: $fixed_value:expr),* $(,)?
        }
    ) => {
        const _: () = assert!(
            [$(stringify!($field)),*].len() <= 32,
            "a record's presence mask is a u32"
        );

        #[doc = concat!("Appends the encoding of `record` to `bytes`: its presence mask, then")]
        #[doc = "each field present, in order."]
        $encode_vis fn $encode(record: &$record, mut bytes: Vec<u8>) -> Vec<u8> {
            $(let $field = encoded_record!(@encode $how, record.$field);)*
            let mut mask = 0u32;
            let mut bit = 1u32;
            $(
                if $field.is_some() {
                    mask |= bit;
                }
                bit <<= 1;
            )*
            let _ = bit;
            bytes = encoded_record!(@append mask, bytes);
            $(
                if let Some(value) = &$field {
                    bytes = encoded_record!(@append value, bytes);
                }
            )*
            bytes
        }

        #[doc = concat!("The [`", stringify!($record), "`] whose details `", stringify!($bytes))]
        #[doc = "hold, with the fields they do not hold set from the other arguments."]
        $vis fn $decode($bytes: &[u8] $(, $param: $param_ty)*) -> $record {
            const HELD: &str = "the arena holds what the encoder wrote, checked by the snapshot's checksum";
            let (mask, mut rest): (u32, &[u8]) = postcard::take_from_bytes($bytes).expect(HELD);
            let mut bit = 1u32;
            $(
                let $field: Option<encoded_record!(@owned $how $($ty)?)> = if mask & bit != 0 {
                    let (value, after) = postcard::take_from_bytes(rest).expect(HELD);
                    rest = after;
                    Some(value)
                } else {
                    None
                };
                bit <<= 1;
            )*
            debug_assert!(rest.is_empty(), "{}", HELD);
            let _ = (bit, rest);
            $record {
                $($fixed: $fixed_value,)*
                $($field: encoded_record!(@decode $how, $field),)*
            }
        }
    };
    (@append $value:expr, $bytes:expr) => {
        postcard::to_extend(&$value, $bytes).expect("encoding into a Vec cannot fail")
    };
    (@owned copy $ty:ty) => { $ty };
    (@owned text) => { String };
    (@owned string) => { String };
    (@owned list $ty:ty) => { Vec<$ty> };
    (@owned json) => { String };
    (@owned sources) => { Vec<Source> };
    (@encode copy, $value:expr) => { $value };
    (@encode text, $value:expr) => { $value.as_deref() };
    (@encode string, $value:expr) => { Some($value.as_str()).filter(|text| !text.is_empty()) };
    (@encode list, $value:expr) => { Some($value.as_slice()).filter(|list| !list.is_empty()) };
    (@encode sources, $value:expr) => {
        Some(SourcesRef(&$value)).filter(|sources| !sources.0.is_empty())
    };
    (@encode json, $value:expr) => {
        $value
            .as_ref()
            .map(|map| serde_json::to_string(map).expect("a JSON map always serializes"))
    };
    (@decode copy, $value:expr) => { $value };
    (@decode text, $value:expr) => { $value };
    (@decode json, $value:expr) => {
        $value.map(|text| serde_json::from_str(&text).expect("the arena holds a JSON map"))
    };
    (@decode $how:ident, $value:expr) => { $value.unwrap_or_default() };
}

pub(crate) use encoded_record;
