package i18n

import "strings"

// FieldError is a problem with one field of what someone sent, as a message
// id and the values the message needs, so that whoever shows it (a web form,
// the Open311 API, an email) can say it in its reader's language.
type FieldError struct {
	Field   string // "description", "attr.size", "slug", …
	Message string // locale id, e.g. "request.error.required"
	Data    map[string]any
}

// FieldErrors lists the problems with one input; the zero value has none.
// Validation errors embed it and add their own Error method.
type FieldErrors struct{ Fields []FieldError }

// Add records a problem with field.
func (e *FieldErrors) Add(field, msg string, data map[string]any) {
	e.Fields = append(e.Fields, FieldError{Field: field, Message: msg, Data: data})
}

// For returns the first problem with field, or nil.
func (e *FieldErrors) For(field string) *FieldError {
	for i := range e.Fields {
		if e.Fields[i].Field == field {
			return &e.Fields[i]
		}
	}
	return nil
}

// Summary is the problems as "field: message id; …", for logs.
func (e *FieldErrors) Summary() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}
