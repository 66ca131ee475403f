package web

import (
	"maps"
	"strings"

	"github.com/townhall/townhall/internal/i18n"
)

// Form is what a form page needs to show again: the values typed and the
// problems, each beside its field and in the error summary at the top.
type Form struct {
	Values map[string][]string
	Errors []FormError
	Notice string // a message above the form (translated)
}

// FormError is one translated problem with one field.
type FormError struct {
	Field, ID, Message string // ID is the input's id, for the summary link
}

// Get returns the first value typed in field.
func (f *Form) Get(field string) string {
	if f == nil || len(f.Values[field]) == 0 {
		return ""
	}
	return f.Values[field][0]
}

// Has reports whether value was chosen for field (checkboxes, selects).
func (f *Form) Has(field, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[field] {
		if v == value {
			return true
		}
	}
	return false
}

// Error returns the message for field, or "".
func (f *Form) Error(field string) string {
	if f == nil {
		return ""
	}
	for _, e := range f.Errors {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// Fail adds a translated problem.
func (h *Handler) fieldError(f *Form, lang, field, msgID string, data map[string]any) {
	if names, ok := data["Names"].(map[string]string); ok && names[lang] != "" {
		// A question is named in the page's language, whatever the
		// language of the request (the desk files for a Spanish caller).
		data = maps.Clone(data)
		data["Name"] = names[lang]
	}
	f.Errors = append(f.Errors, FormError{Field: field, ID: fieldID(field), Message: h.bundle.T(lang, msgID, data)})
}

// fromValidation adds a domain's problems, translated.
func (h *Handler) fromValidation(f *Form, lang string, v *i18n.FieldErrors) {
	for _, fe := range v.Fields {
		h.fieldError(f, lang, fe.Field, fe.Message, fe.Data)
	}
}

// fieldID is the HTML id of a field's input: "attr.size" → "f-attr-size".
func fieldID(field string) string {
	return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(field)
}
