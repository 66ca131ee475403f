package requests

import (
	"math"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/townhall/townhall/internal/outbox"
)

// Limits on what a resident can type, the same on every channel.
const (
	MaxDescription = 4000 // Open311's limit
	MaxAddress     = 300
	maxString      = 500
	maxText        = 4000
)

// ValidEmail reports whether s is a bare address the requests collection
// stores and mail can be sent to: RFC 5322, and a domain with a dot (not
// "admin@intranet"), as the record's email field checks.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && len(s) <= MaxEmail && is.EmailFormat.Validate(s) == nil
}

// dateLayouts are what forms and APIs send for a datetime attribute.
var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04", "2006-01-02 15:04", time.DateOnly}

// validate checks in against the service and returns the answers in their
// stored form: strings, numbers, dates as text, and lists for multivaluelist.
func validate(s *Service, in Input) (map[string]any, *ValidationError) {
	verr := &ValidationError{}
	if utf8.RuneCountInString(in.Description) > MaxDescription {
		verr.Add("description", "request.error.too_long", map[string]any{"Max": MaxDescription})
	}
	if utf8.RuneCountInString(in.Address) > MaxAddress {
		verr.Add("address", "request.error.too_long", map[string]any{"Max": MaxAddress})
	}
	if utf8.RuneCountInString(CleanLine(in.ContactName)) > MaxName {
		verr.Add("contact_name", "request.error.too_long", map[string]any{"Max": MaxName})
	}
	if utf8.RuneCountInString(CleanLine(in.ContactPhone)) > MaxPhone {
		verr.Add("contact_phone", "request.error.too_long", map[string]any{"Max": MaxPhone})
	}
	if _, ok := outbox.NormalizeNumber(in.ContactPhone); in.TextUpdates && !ok {
		verr.Add("contact_phone", "request.error.phone_for_texts", nil)
	}
	if in.ContactEmail != "" && !ValidEmail(in.ContactEmail) {
		verr.Add("contact_email", "request.error.email", nil)
	}
	if in.ReporterID == "" && !s.Anonymous && (in.Channel == ChannelWeb || in.Channel == ChannelOpen311) && in.ContactEmail == "" {
		verr.Add("contact_email", "request.error.sign_in_needed", nil)
	}
	if len(in.Photos) > 0 && !s.Photos {
		verr.Add("photos", "request.error.no_photos", nil)
	}
	if len(in.Documents) > 0 && !s.Documents {
		verr.Add("documents", "request.error.no_documents", nil)
	}
	s.needs(inputHas(in), verr)
	answers := map[string]any{}
	for _, a := range s.Attributes {
		if !answersRequired(in.Channel) {
			// An email or a text cannot answer the form's questions: it
			// is filed under its service all the same, and the staff and
			// the acknowledgement ask for what is missing (see Unanswered).
			a.Required = false
		}
		if v, ok := answer(a, s.Text(a.Description), in.Answers[a.Code], verr); ok {
			answers[a.Code] = v
		}
	}
	if len(verr.Fields) > 0 {
		return nil, verr.sorted()
	}
	return answers, nil
}

// Unanswered are the service's required questions that answers leaves
// blank, in the form's order.
func (s *Service) Unanswered(answers map[string][]string) []Attribute {
	var out []Attribute
	for _, a := range s.Attributes {
		if a.Required && !slices.ContainsFunc(answers[a.Code], func(v string) bool { return strings.TrimSpace(v) != "" }) {
			out = append(out, a)
		}
	}
	return out
}

// answer checks one attribute's values and returns the stored value. A
// missing answer's message names the question.
func answer(a Attribute, question string, values []string, verr *ValidationError) (any, bool) {
	field := "attr." + a.Code
	var vals []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		if a.Required {
			// Names lets a page in another language name the question in its own.
			verr.Add(field, "request.error.required", map[string]any{"Name": question, "Names": a.Description})
		}
		return nil, false
	}
	keys := make([]string, len(a.Values))
	for i, v := range a.Values {
		keys[i] = v.Key
	}
	v := vals[0]
	switch a.Datatype {
	case "number":
		return number(a, field, v, verr)
	case "datetime":
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, v); err == nil {
				return t.Format(layout), true
			}
		}
		verr.Add(field, "request.error.date", nil)
		return nil, false
	case "singlevaluelist":
		if !slices.Contains(keys, v) || len(vals) > 1 {
			verr.Add(field, "request.error.choice", nil)
			return nil, false
		}
		return v, true
	case "multivaluelist":
		for _, x := range vals {
			if !slices.Contains(keys, x) {
				verr.Add(field, "request.error.choice", nil)
				return nil, false
			}
		}
		return vals, true
	case "text":
		return limited(field, strings.Join(vals, "\n"), maxText, verr)
	default: // string
		return limited(field, v, maxString, verr)
	}
}

// number reads a number answer: a finite number, and not below zero
// unless the question allows it (a count, a length, an age never is).
func number(a Attribute, field, v string, verr *ValidationError) (any, bool) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64)
	switch {
	case err != nil || math.IsNaN(n) || math.IsInf(n, 0):
		verr.Add(field, "request.error.number", nil)
		return nil, false
	case n < 0 && !a.Negative:
		verr.Add(field, "request.error.negative", nil)
		return nil, false
	}
	return n, true
}

func limited(field, v string, max int, verr *ValidationError) (any, bool) {
	if utf8.RuneCountInString(v) > max {
		verr.Add(field, "request.error.too_long", map[string]any{"Max": max})
		return nil, false
	}
	return v, true
}
