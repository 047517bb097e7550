//! How a record's details are encoded in an arena: one list of its fields, from which the
//! encoder, the decoder and the decoded record are all generated.
//!
//! The encoding is postcard's, which is positional: every field is written, in the order
//! listed, and read back in that order. [`encoded_record!`] writes the encoder from borrowed
//! fields (no string is copied), and the decoder builds the record naming every field, so a
//! field added to the record and not to its list does not compile, and one listed is encoded,
//! decoded and checked by the snapshot round-trip tests with no other change.

/// Declares the encoding of a record's details.
///
/// ```text
/// encoded_record! {
///     Company as Stored / StoredRef {
///         name: string,
///         aliases: list<String>,
///         country: text,
///         extra: json,
///     }
///     fn decode(bytes: &[u8], id: &str) {
///         id: CompanyId(id.to_owned()),
///     }
/// }
/// ```
///
/// declares `Stored` (the fields as decoded), `StoredRef<'a>` with `StoredRef::of(&Company)`
/// (the fields borrowed for encoding), and `fn decode(bytes, id) -> Company`, which decodes
/// `bytes` and sets the fields the encoding does not hold from the expressions given.
///
/// Each field says how it is held: `copy<T>` an `Option<T>` of a `Copy` type; `text` an
/// `Option<String>`; `string` a `String`; `list<T>` a `Vec<T>`; `json` an optional JSON map,
/// held as its text; `sources` a relation's sources, each with every field present (written
/// by `SourcesRef`, which the invoking module defines).
macro_rules! encoded_record {
    (
        $record:ident as $stored:ident / $borrowed:ident {
            $($field:ident: $how:ident $(<$ty:ty>)?),* $(,)?
        }
        $vis:vis fn $decode:ident($bytes:ident: &[u8] $(, $param:ident: $param_ty:ty)* $(,)?) {
            $($fixed:ident: $fixed_value:expr),* $(,)?
        }
    ) => {
        #[doc = concat!("A [`", stringify!($record), "`]'s details as decoded: every field the")]
        #[doc = "encoding holds, in its order."]
        #[derive(serde::Deserialize)]
        struct $stored {
            $($field: encoded_record!(@owned $how $($ty)?),)*
        }

        #[doc = concat!("[`", stringify!($stored), "`], borrowed for encoding without copying.")]
        #[derive(serde::Serialize)]
        struct $borrowed<'a> {
            $($field: encoded_record!(@borrowed 'a, $how $($ty)?),)*
        }

        impl<'a> $borrowed<'a> {
            #[doc = concat!("The details of `record`, borrowed.")]
            fn of(record: &'a $record) -> $borrowed<'a> {
                $borrowed {
                    $($field: encoded_record!(@encode $how, record.$field),)*
                }
            }
        }

        #[doc = concat!("The [`", stringify!($record), "`] whose details `", stringify!($bytes))]
        #[doc = "hold, with the fields they do not hold set from the other arguments."]
        $vis fn $decode($bytes: &[u8] $(, $param: $param_ty)*) -> $record {
            let stored: $stored = postcard::from_bytes($bytes)
                .expect("the arena holds what the encoder wrote, checked by the snapshot's checksum");
            $record {
                $($fixed: $fixed_value,)*
                $($field: encoded_record!(@decode $how, stored.$field),)*
            }
        }
    };
    (@owned copy $ty:ty) => { Option<$ty> };
    (@owned text) => { Option<String> };
    (@owned string) => { String };
    (@owned list $ty:ty) => { Vec<$ty> };
    (@owned json) => { Option<String> };
    (@owned sources) => { Vec<Source> };
    (@borrowed $lt:lifetime, copy $ty:ty) => { Option<$ty> };
    (@borrowed $lt:lifetime, text) => { Option<&$lt str> };
    (@borrowed $lt:lifetime, string) => { &$lt str };
    (@borrowed $lt:lifetime, list $ty:ty) => { &$lt [$ty] };
    (@borrowed $lt:lifetime, json) => { Option<String> };
    (@borrowed $lt:lifetime, sources) => { SourcesRef<$lt> };
    (@encode copy, $value:expr) => { $value };
    (@encode text, $value:expr) => { $value.as_deref() };
    (@encode string, $value:expr) => { &$value };
    (@encode list, $value:expr) => { &$value };
    (@encode sources, $value:expr) => { SourcesRef(&$value) };
    (@encode json, $value:expr) => {
        $value
            .as_ref()
            .map(|map| serde_json::to_string(map).expect("a JSON map always serializes"))
    };
    (@decode json, $value:expr) => {
        $value.map(|text| serde_json::from_str(&text).expect("the arena holds a JSON map"))
    };
    (@decode $how:ident, $value:expr) => { $value };
}

pub(crate) use encoded_record;
