//! The serde side of the fast RON reader: the `Deserializer` over `Reader`'s tokens, and the
//! sequence, map and enum accessors it hands to serde's visitors.

use super::{Reader, Refused, Result, refuse};
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Visitor};

pub(super) enum Text<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Text<'de> {
    fn visit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Owned(s) => visitor.visit_string(s),
        }
    }
}

/// Items of a list, or a tuple's fields.
struct Seq<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.done || self.reader.eat(self.close)? {
            self.done = true;
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        if !self.reader.comma_or(self.close)? {
            self.reader.expect(self.close)?;
            self.done = true;
        }
        Ok(Some(value))
    }
}

/// A map's entries, or a struct's fields (`struct_fields`: keys are identifiers).
struct Map<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
    struct_fields: bool,
    done: bool,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.done || self.reader.eat(self.close)? {
            self.done = true;
            return Ok(None);
        }
        let key = if self.struct_fields {
            let name = self.reader.identifier()?;
            seed.deserialize(BorrowedStrDeserializer::<Refused>::new(name))?
        } else {
            seed.deserialize(&mut *self.reader)?
        };
        self.reader.expect(b':')?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        if !self.reader.comma_or(self.close)? {
            self.reader.expect(self.close)?;
            self.done = true;
        }
        Ok(value)
    }
}

/// A unit or newtype variant: `Name` or `Name(value)`.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.reader.identifier()?;
        let value = seed.deserialize(BorrowedStrDeserializer::<Refused>::new(name))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<()> {
        if self.reader.next_byte().ok() == Some(b'(') {
            return refuse("unit variant with parentheses");
        }
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.reader.expect(b'(')?;
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.eat(b',')?;
        self.reader.expect(b')')?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        refuse("tuple variant")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        refuse("struct variant")
    }
}

macro_rules! unsigned {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let v = self.unsigned()?;
            visitor.$visit(<$ty>::try_from(v).map_err(|_| Refused("integer overflow".into()))?)
        }
    )*};
}

macro_rules! signed {
    ($($method:ident $visit:ident $ty:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
            let v = self.signed()?;
            visitor.$visit(<$ty>::try_from(v).map_err(|_| Refused("integer overflow".into()))?)
        }
    )*};
}

macro_rules! refused {
    ($($method:ident),*) => {$(
        fn $method<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
            refuse(stringify!($method))
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    unsigned!(deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64);
    signed!(deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64);
    refused!(
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_unit
    );

    /// Only what an ignored field can hold in Acta's own files: strings, integers, lists, maps,
    /// booleans and options. Bare identifiers and parentheses are refused (ron reads them).
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next_byte()? {
            b'"' => self.deserialize_str(visitor),
            b'[' => self.deserialize_seq(visitor),
            b'{' => self.deserialize_map(visitor),
            b'-' => self.deserialize_i64(visitor),
            b'0'..=b'9' => self.deserialize_u64(visitor),
            b't' | b'f' => self.deserialize_bool(visitor),
            b'N' | b'S' => self.deserialize_option(visitor),
            _ => refuse("value not read by the fast reader"),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => refuse("boolean expected"),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.string()?.visit(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if !self.at_identifier()? {
            return refuse("option expected");
        }
        match self.identifier()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.expect(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.eat(b',')?;
                self.expect(b')')?;
                Ok(value)
            }
            _ => refuse("option expected"),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        refuse("unit struct")
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        // `#[serde(transparent)]` types never get here; a real newtype struct is `Name(v)` in RON.
        let _ = visitor;
        refuse("newtype struct")
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'[')?;
        visitor.visit_seq(Seq { reader: self, close: b']', done: false })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        self.expect(b'(')?;
        let value = visitor.visit_seq(Seq { reader: &mut *self, close: b')', done: false })?;
        // Serde stops after `len` items: anything left over is not a tuple of that length.
        let _ = len;
        if self.bytes().get(self.pos.wrapping_sub(1)) != Some(&b')') {
            return refuse("tuple longer than expected");
        }
        Ok(value)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.struct_name(name)?;
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(b'{')?;
        visitor.visit_map(Map { reader: self, close: b'}', struct_fields: false, done: false })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.struct_name(name)?;
        self.expect(b'(')?;
        let mut map = Map { reader: &mut *self, close: b')', struct_fields: true, done: false };
        let value = visitor.visit_map(&mut map)?;
        if !map.done {
            return refuse("struct not read to its end");
        }
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(Variant { reader: self })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }
}
