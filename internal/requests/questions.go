package requests

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// Limits on a service's form questions.
const (
	MaxQuestions    = 50
	MaxQuestionText = 500
	MaxChoices      = 50
)

var questionCode = regexp.MustCompile(`^[a-z0-9_-]{1,40}$`)

// Problems with a form question, as locale message ids.
const (
	MsgQuestionCode      = "staff.questions.error.code"
	MsgQuestionCodeTwice = "staff.questions.error.code_twice"
	MsgQuestionDatatype  = "staff.questions.error.datatype"
	MsgQuestionText      = "staff.questions.error.text"
	MsgQuestionTooLong   = "staff.questions.error.too_long"
	MsgQuestionChoices   = "staff.questions.error.choices"
	MsgQuestionChoice    = "staff.questions.error.choice"
	MsgQuestionTooMany   = "staff.questions.error.too_many"
)

// englishProblems says each problem in the admin UI, which is in English.
var englishProblems = map[string]string{
	MsgQuestionCode:      "the code must be 1 to 40 lowercase letters, digits, - or _",
	MsgQuestionCodeTwice: "two questions have the same code",
	MsgQuestionDatatype:  "unknown datatype; use one of " + strings.Join(Datatypes, ", "),
	MsgQuestionText:      "the question needs its text in at least one language",
	MsgQuestionTooLong:   fmt.Sprintf("a text is longer than %d characters", MaxQuestionText),
	MsgQuestionChoices:   "a list question needs at least one choice",
	MsgQuestionChoice:    "every choice needs a unique key (lowercase letters, digits, - or _) and a name",
	MsgQuestionTooMany:   fmt.Sprintf("at most %d questions, %d choices each", MaxQuestions, MaxChoices),
}

// CheckQuestions lists what is wrong with a service's questions. Each
// problem's field is "q.N.part" for the Nth question (from 0): part is
// code, datatype, description or values; "q" is the list as a whole.
func CheckQuestions(qs []Attribute) *ValidationError {
	verr := &ValidationError{}
	if len(qs) > MaxQuestions {
		verr.Add("q", MsgQuestionTooMany, map[string]any{"Max": MaxQuestions})
	}
	seen := map[string]bool{}
	for i, q := range qs {
		f := "q." + strconv.Itoa(i) + "."
		switch {
		case !questionCode.MatchString(q.Code):
			verr.Add(f+"code", MsgQuestionCode, nil)
		case seen[q.Code]:
			verr.Add(f+"code", MsgQuestionCodeTwice, nil)
		}
		seen[q.Code] = true
		if !slices.Contains(Datatypes, q.Datatype) {
			verr.Add(f+"datatype", MsgQuestionDatatype, map[string]any{"Name": q.Datatype})
		}
		checkTexts(verr, f+"description", q.Description, true)
		checkTexts(verr, f+"help", q.Help, false)
		if q.Datatype == "singlevaluelist" || q.Datatype == "multivaluelist" {
			checkChoices(verr, f+"values", q.Values)
		}
	}
	if len(verr.Fields) == 0 {
		return nil
	}
	return verr
}

// checkTexts checks a per-language text: not too long, and, when needed,
// given in at least one language.
func checkTexts(verr *ValidationError, field string, m map[string]string, needed bool) {
	given := false
	for _, s := range m {
		if utf8.RuneCountInString(s) > MaxQuestionText {
			verr.Add(field, MsgQuestionTooLong, map[string]any{"Max": MaxQuestionText})
			return
		}
		given = given || strings.TrimSpace(s) != ""
	}
	if needed && !given {
		verr.Add(field, MsgQuestionText, nil)
	}
}

func checkChoices(verr *ValidationError, field string, vs []Value) {
	if len(vs) == 0 {
		verr.Add(field, MsgQuestionChoices, nil)
		return
	}
	if len(vs) > MaxChoices {
		verr.Add(field, MsgQuestionTooMany, map[string]any{"Max": MaxChoices})
		return
	}
	keys := map[string]bool{}
	for _, v := range vs {
		named := false
		for _, s := range v.Name {
			named = named || strings.TrimSpace(s) != ""
		}
		if !questionCode.MatchString(v.Key) || keys[v.Key] || !named {
			verr.Add(field, MsgQuestionChoice, nil)
			return
		}
		keys[v.Key] = true
	}
}

// checkServiceQuestions refuses a service whose questions (the fields JSON)
// break the rules, whichever way it is saved: the desk's question editor or
// the admin UI, so a "dropdown" is never shown as a text box.
func checkServiceQuestions(e *core.RecordEvent) error {
	var qs []Attribute
	if err := e.Record.UnmarshalJSONField("fields", &qs); err != nil {
		return validation.Errors{"fields": validation.NewError("validation_questions",
			"The questions must be a JSON list of questions: "+err.Error())}
	}
	if verr := CheckQuestions(qs); verr != nil {
		parts := make([]string, 0, len(verr.Fields))
		for _, p := range verr.Fields {
			where := "Questions"
			if n, rest, ok := strings.Cut(strings.TrimPrefix(p.Field, "q."), "."); ok {
				i, _ := strconv.Atoi(n)
				where = fmt.Sprintf("Question %d (%s)", i+1, rest)
			}
			parts = append(parts, where+": "+englishProblems[p.Message])
		}
		return validation.Errors{"fields": validation.NewError("validation_questions", strings.Join(parts, "; ")+".")}
	}
	return e.Next()
}
