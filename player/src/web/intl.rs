//! Numbers and dates written for the viewer's locale by the browser's
//! `Intl`: the [`Formatter`] the player binds with. Owns the choice of
//! locale (INIT's, else the manifest's, else the browser's own). Never
//! throws into wasm: a locale or an option `Intl` rejects gives `None`, and
//! the engine then writes the value plainly.

use binding_engine::format::{Date, DateStyle, Formatter, NumberFormat, NumberStyle};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use super::best_effort::BestEffort;

#[wasm_bindgen]
extern "C" {
    // js-sys's bindings do not catch the RangeError of a bad locale.
    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type IntlNumberFormat;
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "NumberFormat")]
    fn new(locales: &JsValue, options: &JsValue) -> Result<IntlNumberFormat, JsValue>;
    #[wasm_bindgen(method, catch, js_class = "NumberFormat")]
    fn format(this: &IntlNumberFormat, value: f64) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type IntlDateTimeFormat;
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "DateTimeFormat")]
    fn new(locales: &JsValue, options: &JsValue) -> Result<IntlDateTimeFormat, JsValue>;
    #[wasm_bindgen(method, catch, js_class = "DateTimeFormat", js_name = format)]
    fn format_date(this: &IntlDateTimeFormat, date: &js_sys::Date) -> Result<JsValue, JsValue>;
}

/// Writes for one locale through `Intl`.
pub(crate) struct IntlFormatter<'a> {
    /// The locales to try, most preferred first, until one is chosen.
    preferred: [Option<&'a str>; 2],
    /// The chosen one: a tag `Intl` accepts, or `undefined` for the
    /// browser's own locale.
    locale: Option<JsValue>,
}

impl<'a> IntlFormatter<'a> {
    /// Writes in the first of `preferred` that `Intl` accepts, else in the
    /// browser's locale. Tried on the first number or date, not here: the
    /// first `Intl` formatter of a page starts ICU (20-30 ms measured),
    /// which a template that writes neither must not wait for.
    pub(crate) fn new(preferred: [Option<&'a str>; 2]) -> Self {
        Self {
            preferred,
            locale: None,
        }
    }

    fn locale(&mut self) -> &JsValue {
        let preferred = self.preferred;
        self.locale.get_or_insert_with(|| {
            (preferred.into_iter().flatten())
                .map(JsValue::from_str)
                .find(|tag| IntlNumberFormat::new(tag, &JsValue::UNDEFINED).is_ok())
                .unwrap_or(JsValue::UNDEFINED)
        })
    }
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(key), value).best_effort();
    }
    object
}

impl Formatter for IntlFormatter<'_> {
    fn number(&mut self, value: f64, format: &NumberFormat) -> Option<String> {
        let mut pairs = Vec::with_capacity(4);
        match format.style {
            NumberStyle::Decimal => {}
            NumberStyle::Percent => pairs.push(("style", "percent".into())),
            NumberStyle::Currency(_) => {
                pairs.push(("style", "currency".into()));
                pairs.push(("currency", format.style.currency_code()?.into()));
            }
        }
        if let Some(decimals) = format.decimals {
            pairs.push(("minimumFractionDigits", decimals.into()));
            pairs.push(("maximumFractionDigits", decimals.into()));
        }
        IntlNumberFormat::new(self.locale(), &options(&pairs))
            .ok()?
            .format(value)
            .ok()?
            .as_string()
    }

    fn date(&mut self, date: Date, style: DateStyle) -> Option<String> {
        // Local midnight of that day, written in the local zone: the same
        // day everywhere.
        let day = js_sys::Date::new_with_year_month_day(
            u32::from(date.year),
            i32::from(date.month) - 1,
            i32::from(date.day),
        );
        // The constructor reads years 0–99 as 1900–1999.
        day.set_full_year(u32::from(date.year));
        let pairs = [("dateStyle", style.name().into())];
        IntlDateTimeFormat::new(self.locale(), &options(&pairs))
            .ok()?
            .format_date(&day)
            .ok()?
            .as_string()
    }
}
