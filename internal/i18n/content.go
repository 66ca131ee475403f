package i18n

import "github.com/pocketbase/pocketbase/core"

// Text returns field of rec in lang, from the record's translations JSON
// ({"es": {"name": "…"}}), falling back to the field itself, which is written in
// the town's default language. translated is false when it fell back, so a page
// can say the text is not yet in the visitor's language.
func Text(rec *core.Record, field, lang, defaultLang string) (text string, translated bool) {
	base := rec.GetString(field)
	if lang == defaultLang {
		return base, true
	}
	var tr map[string]map[string]string
	if err := rec.UnmarshalJSONField("translations", &tr); err == nil {
		if s := tr[lang][field]; s != "" {
			return s, true
		}
	}
	return base, false
}
